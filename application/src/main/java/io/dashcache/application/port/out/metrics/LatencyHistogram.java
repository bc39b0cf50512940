package io.dashcache.application.port.out.metrics;

import java.time.Duration;
import java.util.Arrays;

/**
 * A latency histogram with fixed bucket bounds, as Prometheus keeps one: for each upper bound, how
 * many observations were at most that long (cumulative); observations above the last bound are
 * only in {@code count}. Two histograms with the same bounds subtract and add bucket by bucket,
 * so a window's histogram is the difference of two snapshots.
 *
 * @param upperBoundsNanos strictly ascending, finite bucket bounds
 * @param cumulativeCounts observations at most each bound (non-decreasing, at most {@code count})
 * @param count            every observation
 * @param sumNanos         their sum
 */
public record LatencyHistogram(long[] upperBoundsNanos, long[] cumulativeCounts, long count, long sumNanos) {

    /** No bounds and no observations: the neutral element of {@link #plus} and {@link #minus}. */
    public static final LatencyHistogram EMPTY = new LatencyHistogram(new long[0], new long[0], 0, 0);

    public LatencyHistogram {
        upperBoundsNanos = upperBoundsNanos.clone();
        cumulativeCounts = cumulativeCounts.clone();
        if (upperBoundsNanos.length != cumulativeCounts.length) {
            throw new IllegalArgumentException("one count per bound: " + upperBoundsNanos.length + " bounds, "
                    + cumulativeCounts.length + " counts");
        }
        for (int i = 0; i < upperBoundsNanos.length; i++) {
            if (i > 0 && (upperBoundsNanos[i] <= upperBoundsNanos[i - 1] || cumulativeCounts[i] < cumulativeCounts[i - 1])) {
                throw new IllegalArgumentException("bounds must ascend and cumulative counts must not decrease");
            }
            if (cumulativeCounts[i] < 0 || cumulativeCounts[i] > count) {
                throw new IllegalArgumentException("a bucket count must be from 0 to the total count");
            }
        }
        if (count < 0 || sumNanos < 0) {
            throw new IllegalArgumentException("count and sum cannot be negative");
        }
    }

    @Override
    public long[] upperBoundsNanos() {
        return upperBoundsNanos.clone();
    }

    @Override
    public long[] cumulativeCounts() {
        return cumulativeCounts.clone();
    }

    /**
     * The latency below which a share {@code q} of the observations fall, interpolated linearly
     * inside the bucket that holds it, as Prometheus' {@code histogram_quantile} does (a quantile
     * above the last bound is that bound).
     *
     * @return {@code null} when there are no observations
     */
    public Duration quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("a quantile is from 0 to 1, got " + q);
        }
        if (count == 0) {
            return null;
        }
        if (upperBoundsNanos.length == 0) {
            return Duration.ofNanos(sumNanos / count);
        }
        double rank = q * count;
        for (int i = 0; i < upperBoundsNanos.length; i++) {
            if (cumulativeCounts[i] >= rank) {
                long lower = i == 0 ? 0 : upperBoundsNanos[i - 1];
                long below = i == 0 ? 0 : cumulativeCounts[i - 1];
                long inBucket = cumulativeCounts[i] - below;
                if (inBucket == 0) {
                    return Duration.ofNanos(lower);
                }
                double nanos = lower + (upperBoundsNanos[i] - lower) * ((rank - below) / inBucket);
                return Duration.ofNanos(Math.round(nanos));
            }
        }
        return Duration.ofNanos(upperBoundsNanos[upperBoundsNanos.length - 1]);
    }

    /** The observations since {@code earlier}, a snapshot of the same histogram. */
    public LatencyHistogram minus(LatencyHistogram earlier) {
        if (earlier.isNeutral()) {
            return this;
        }
        requireSameBounds(earlier);
        long[] counts = new long[cumulativeCounts.length];
        long previous = 0;
        long total = Math.max(0, count - earlier.count);
        for (int i = 0; i < counts.length; i++) {
            // clamped so that the result stays a valid histogram even if a counter went back
            counts[i] = Math.min(total, Math.max(previous, cumulativeCounts[i] - earlier.cumulativeCounts[i]));
            previous = counts[i];
        }
        return new LatencyHistogram(upperBoundsNanos, counts, total, Math.max(0, sumNanos - earlier.sumNanos));
    }

    /** Both histograms' observations together (e.g. two data types). */
    public LatencyHistogram plus(LatencyHistogram other) {
        if (other.isNeutral()) {
            return this;
        }
        if (isNeutral()) {
            return other;
        }
        requireSameBounds(other);
        long[] counts = new long[cumulativeCounts.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = cumulativeCounts[i] + other.cumulativeCounts[i];
        }
        return new LatencyHistogram(upperBoundsNanos, counts, count + other.count, sumNanos + other.sumNanos);
    }

    private boolean isNeutral() {
        return count == 0 && upperBoundsNanos.length == 0;
    }

    private void requireSameBounds(LatencyHistogram other) {
        if (!Arrays.equals(upperBoundsNanos, other.upperBoundsNanos)) {
            throw new IllegalArgumentException("histograms with different bucket bounds cannot be combined");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LatencyHistogram that && count == that.count && sumNanos == that.sumNanos
                && Arrays.equals(upperBoundsNanos, that.upperBoundsNanos)
                && Arrays.equals(cumulativeCounts, that.cumulativeCounts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(upperBoundsNanos) + Arrays.hashCode(cumulativeCounts)) + Long.hashCode(count);
    }

    @Override
    public String toString() {
        return "LatencyHistogram[count=" + count + ", sumNanos=" + sumNanos + ", buckets=" + upperBoundsNanos.length + "]";
    }
}
