package io.dashcache.spring.boot;

import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.embedded.DashcacheClient;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * dashcache's line in {@code /actuator/health}: {@code UP} when Redis answers a read and the invalidation
 * subscription holds; {@code DOWN} when Redis does not answer (or its circuit is open: reads skip L2);
 * {@code OUT_OF_SERVICE} when Redis answers but the subscription is lost, so this instance may serve, until
 * its L1 TTL, a value another instance evicted. L1-only (no {@code dashcache.redis-url}) is {@code UP}.
 *
 * <p>Redis' state is the one the service's {@code /health} reports ({@link DashcacheClient#redisHealth()}: the
 * circuit breaker, and a PING), so the starter and the service never disagree about it.
 */
final class DashcacheHealthIndicator extends AbstractHealthIndicator {

    private final DashcacheClient client;
    private final boolean redisConfigured;

    DashcacheHealthIndicator(DashcacheClient client, boolean redisConfigured) {
        super("dashcache health check failed");
        this.client = Objects.requireNonNull(client, "client");
        this.redisConfigured = redisConfigured;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        if (!redisConfigured) {
            health.up().withDetail("mode", "L1-only: no dashcache.redis-url, evictions stay on this instance");
            return;
        }
        DependencyHealth redis = client.redisHealth();
        boolean redisAnswers = redis.state() == DependencyHealth.State.UP;
        boolean subscribed = client.isSubscribed();
        // the detail of a failure names the client library's exception: it stays in the logs, not here
        health.withDetail("redis", redisAnswers ? "answers reads"
                : "does not answer, or its circuit is open: reads go L1 then the method; check dashcache.redis-url");
        health.withDetail("subscription", subscribed ? "holds: evictions on other instances reach this L1"
                : "lost: evictions on other instances reach this L1 only when its entries expire (dashcache.l1-ttl)");
        if (!redisAnswers) {
            health.down();
        } else if (!subscribed) {
            health.outOfService();
        } else {
            health.up();
        }
    }
}
