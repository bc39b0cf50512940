package io.dashcache.adapters.metrics;

import java.time.Duration;

/**
 * The fixed histogram bounds every dashcache timer shares, on top of Micrometer's percentile
 * histogram buckets: they include the grade bounds of the specification (50, 100, 200, 500 ms),
 * so "how many reads were under 100 ms" is an exact bucket in Prometheus too.
 */
final class LatencyBuckets {

    static final Duration[] SERVICE_LEVELS = {
        Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
        Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
        Duration.ofMillis(500), Duration.ofSeconds(1)
    };

    /**
     * An L1 hit takes a few microseconds: below this every read shares the first bucket, and a
     * percentile there is interpolated between 0 and 10 µs. Finer would cost ~17 buckets a decade.
     */
    static final Duration READ_MIN = Duration.ofNanos(10_000);
    /** An engine load is a network round trip: nothing below 0.1 ms. */
    static final Duration LOAD_MIN = Duration.ofNanos(100_000);
    /** Above the engine's default timeout (2 s) and the wait for another's load; slower lands in +Inf. */
    static final Duration MAX = Duration.ofSeconds(5);

    private LatencyBuckets() {
    }
}
