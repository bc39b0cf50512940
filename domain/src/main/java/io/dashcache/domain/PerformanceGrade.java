package io.dashcache.domain;

import java.time.Duration;

/**
 * The specification's grading rule: a grade holds when latency is below its bound and the hit
 * rate above its floor; the best grade that holds wins.
 *
 * <pre>
 * excellent  &lt; 50 ms  and &gt; 95 % hits
 * good       &lt; 100 ms and &gt; 85 %
 * acceptable &lt; 200 ms and &gt; 70 %
 * poor       &lt; 500 ms and &gt; 50 %
 * critical   otherwise
 * </pre>
 */
public enum PerformanceGrade {
    EXCELLENT(50, 0.95),
    GOOD(100, 0.85),
    ACCEPTABLE(200, 0.70),
    POOR(500, 0.50),
    CRITICAL(Long.MAX_VALUE, Double.NEGATIVE_INFINITY);

    private final long latencyBoundMillis;
    private final double hitRateFloor;

    PerformanceGrade(long latencyBoundMillis, double hitRateFloor) {
        this.latencyBoundMillis = latencyBoundMillis;
        this.hitRateFloor = hitRateFloor;
    }

    /**
     * @param latency the latency to judge (the caller picks the percentile, e.g. p95)
     * @param hitRate hits divided by reads, from 0 to 1
     */
    public static PerformanceGrade of(Duration latency, double hitRate) {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be zero or positive, got " + latency);
        }
        if (!(hitRate >= 0 && hitRate <= 1)) {
            throw new IllegalArgumentException("hit rate must be from 0 to 1, got " + hitRate);
        }
        long nanos = latency.toNanos();
        for (PerformanceGrade grade : values()) {
            if (grade == CRITICAL
                    || (nanos < grade.latencyBoundMillis * 1_000_000L && hitRate > grade.hitRateFloor)) {
                return grade;
            }
        }
        return CRITICAL;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
