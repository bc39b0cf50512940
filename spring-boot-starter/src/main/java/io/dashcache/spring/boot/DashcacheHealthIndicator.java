package io.dashcache.spring.boot;

import io.dashcache.embedded.DashcacheClient;
import io.dashcache.embedded.NamedCache;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * dashcache's line in {@code /actuator/health}: {@code UP} when Redis answers a read and the invalidation
 * subscription holds; {@code DOWN} when Redis does not answer (or its circuit is open: reads skip L2);
 * {@code OUT_OF_SERVICE} when Redis answers but the subscription is lost, so this instance may serve, until
 * its L1 TTL, a value another instance evicted. L1-only (no {@code dashcache.redis-url}) is {@code UP}.
 *
 * <p>The read is a lookup of a key that is never stored, in a cache of its own: one Redis GET through the
 * circuit breaker, nothing loaded, nothing written, no broadcast.
 */
final class DashcacheHealthIndicator extends AbstractHealthIndicator {

    static final String PROBE_CACHE = "dashcache.health";
    private static final String PROBE_KEY = "probe";

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
        NamedCache probe = client.namedCache(PROBE_CACHE);
        boolean redisAnswers = probe.lookup(PROBE_KEY).seen().seen().available();
        boolean subscribed = client.isSubscribed();
        health.withDetail("redis", redisAnswers ? "answers reads"
                : "does not answer, or its circuit is open: reads go L1 then the method");
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
