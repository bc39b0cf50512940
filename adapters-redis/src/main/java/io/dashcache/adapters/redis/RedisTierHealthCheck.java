package io.dashcache.adapters.redis;

import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.out.metrics.DependencyCheck;
import java.util.Objects;

/**
 * Redis's line in {@code /health} when L2 sits behind a circuit breaker: {@code UP} only when Redis
 * answers PING <em>and</em> every shard's circuit is closed, so {@code /health} says {@code DEGRADED} for as
 * long as reads skip L2. While the circuit is not closed each check also offers the breaker a probe,
 * so an instance nobody reads from still closes its circuit once Redis is back.
 */
public final class RedisTierHealthCheck implements DependencyCheck {

    private final DependencyCheck ping;
    private final CircuitBreakingSharedTier tier;

    /** @param ping the plain PING check ({@link RedisHealthCheck}) */
    public RedisTierHealthCheck(DependencyCheck ping, CircuitBreakingSharedTier tier) {
        this.ping = Objects.requireNonNull(ping, "ping");
        this.tier = Objects.requireNonNull(tier, "tier");
    }

    @Override
    public DependencyHealth check() {
        DependencyHealth pinged = ping.check();
        if (tier.isClosed()) {
            return pinged;
        }
        if (pinged.state() == DependencyHealth.State.UP) {
            tier.probe();
            if (tier.isClosed()) {
                return pinged;
            }
            return DependencyHealth.degraded(RedisHealthCheck.NAME, "answers PING again, " + tier.summary()
                    + ": L2 is skipped (reads go L1 -> engine) until its probes succeed");
        }
        return DependencyHealth.degraded(RedisHealthCheck.NAME, tier.summary()
                + ": reads go L1 -> engine; " + pinged.detail());
    }
}
