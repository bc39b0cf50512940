package io.dashcache.adapters.redis;

import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.out.metrics.DependencyCheck;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Redis's line in {@code /health}: a PING through the pooled client, remembered for a second so
 * that however often {@code /health} is polled, Redis sees at most one PING a second from it. A
 * PING is bounded by the connector's timeouts, so a dead Redis costs a check half a second.
 */
public final class RedisHealthCheck implements DependencyCheck {

    public static final String NAME = "redis";
    static final Duration DEFAULT_CACHE_FOR = Duration.ofSeconds(1);

    private final Supplier<String> pingProblem;
    private final String maskedUrl;
    private final long cacheForNanos;
    private final LongSupplier nanoTime;
    private DependencyHealth last;
    private long checkedAt;

    public RedisHealthCheck(RedisConnector connector) {
        this(connector::pingProblem, connector.maskedUrl(), DEFAULT_CACHE_FOR, System::nanoTime);
    }

    /** @param pingProblem {@code null} when Redis answered, else a short reason */
    RedisHealthCheck(Supplier<String> pingProblem, String maskedUrl, Duration cacheFor, LongSupplier nanoTime) {
        this.pingProblem = pingProblem;
        this.maskedUrl = maskedUrl;
        this.cacheForNanos = cacheFor.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized DependencyHealth check() {
        long now = nanoTime.getAsLong();
        if (last == null || now - checkedAt >= cacheForNanos) {
            String problem = pingProblem.get();
            last = problem == null
                    ? DependencyHealth.up(NAME, maskedUrl)
                    : DependencyHealth.degraded(NAME, "no answer to PING from " + maskedUrl + ": " + problem);
            checkedAt = now;
        }
        return last;
    }
}
