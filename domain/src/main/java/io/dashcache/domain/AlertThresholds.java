package io.dashcache.domain;

import java.time.Duration;

/**
 * When the cache's recent figures call for an operator. A figure is judged only once it rests on
 * {@code minSamples} reads, so a handful of cold misses after a start never raises an alert.
 *
 * <p>The defaults follow the specification: its target is answers under 100 ms, which is also
 * the latency bound of the grade "good" (see {@link PerformanceGrade}); a hit rate under 80 % is
 * below "good" (85 %) and close to "acceptable" (70 %), where the engine starts to carry load the
 * cache was meant to take; more than 1 % failed reads means users see errors.
 *
 * @param minHitRate   a hit rate below this (0 to 1) is too low
 * @param maxP95       a 95th percentile latency above this is too high
 * @param maxErrorRate a share of failed reads above this (0 to 1) is too high
 * @param minSamples   reads needed in the window before any of these is judged (and invalidation lags
 *                     measured before the lag is)
 * @param maxInvalidationLag an invalidation lag's 95th percentile (any stage, event to bump or to
 *                     broadcast heard) above this is too high
 */
public record AlertThresholds(double minHitRate, Duration maxP95, double maxErrorRate, long minSamples,
                              Duration maxInvalidationLag) {

    public static final double DEFAULT_MIN_HIT_RATE = 0.80;
    public static final Duration DEFAULT_MAX_P95 = Duration.ofMillis(100);
    public static final double DEFAULT_MAX_ERROR_RATE = 0.01;
    public static final long DEFAULT_MIN_SAMPLES = 20;
    /** An engine event reaching every instance within a second is the aim; p95 above that wants a look. */
    public static final Duration DEFAULT_MAX_INVALIDATION_LAG = Duration.ofSeconds(1);

    public AlertThresholds {
        if (!(minHitRate >= 0 && minHitRate <= 1)) {
            throw new IllegalArgumentException("the minimum hit rate must be from 0 to 1, got " + minHitRate);
        }
        if (maxP95 == null || maxP95.isNegative() || maxP95.isZero()) {
            throw new IllegalArgumentException("the maximum p95 latency must be positive, got " + maxP95);
        }
        if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
            throw new IllegalArgumentException("the maximum error rate must be from 0 to 1, got " + maxErrorRate);
        }
        if (minSamples < 1) {
            throw new IllegalArgumentException("the minimum sample count must be at least 1, got " + minSamples);
        }
        if (maxInvalidationLag == null || maxInvalidationLag.isNegative() || maxInvalidationLag.isZero()) {
            throw new IllegalArgumentException("the maximum invalidation lag must be positive, got " + maxInvalidationLag);
        }
    }

    /** The default invalidation lag threshold. */
    public AlertThresholds(double minHitRate, Duration maxP95, double maxErrorRate, long minSamples) {
        this(minHitRate, maxP95, maxErrorRate, minSamples, DEFAULT_MAX_INVALIDATION_LAG);
    }

    public static AlertThresholds defaults() {
        return new AlertThresholds(DEFAULT_MIN_HIT_RATE, DEFAULT_MAX_P95, DEFAULT_MAX_ERROR_RATE, DEFAULT_MIN_SAMPLES,
                DEFAULT_MAX_INVALIDATION_LAG);
    }

    public boolean enoughSamples(long reads) {
        return reads >= minSamples;
    }

    public boolean hitRateTooLow(long reads, double hitRate) {
        return enoughSamples(reads) && hitRate < minHitRate;
    }

    public boolean latencyTooHigh(long reads, Duration p95) {
        return enoughSamples(reads) && p95.compareTo(maxP95) > 0;
    }

    /** @param measured lags measured in the window (of the stage judged) */
    public boolean invalidationLagTooHigh(long measured, Duration p95) {
        return enoughSamples(measured) && p95.compareTo(maxInvalidationLag) > 0;
    }

    public boolean errorRateTooHigh(long reads, double errorRate) {
        return enoughSamples(reads) && errorRate > maxErrorRate;
    }
}
