package io.dashcache.application.port.messages;

import io.dashcache.domain.CacheOutcome;

/**
 * Reads counted by where they were answered from ({@code X-Cache}), plus the reads that failed.
 * A hit is any read the engine did not have to answer: {@code L1_HIT}, {@code L2_HIT} and
 * {@code STALE} (as {@link CacheOutcome#isHit()} says).
 */
public record OutcomeCounts(long l1Hits, long l2Hits, long misses, long stale, long errors) {

    public static final OutcomeCounts ZERO = new OutcomeCounts(0, 0, 0, 0, 0);

    public OutcomeCounts {
        if (l1Hits < 0 || l2Hits < 0 || misses < 0 || stale < 0 || errors < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    public long of(CacheOutcome outcome) {
        return switch (outcome) {
            case L1_HIT -> l1Hits;
            case L2_HIT -> l2Hits;
            case MISS -> misses;
            case STALE -> stale;
        };
    }

    /** Every read, answered or failed. */
    public long total() {
        return l1Hits + l2Hits + misses + stale + errors;
    }

    public long hits() {
        return l1Hits + l2Hits + stale;
    }

    /** Hits over all reads, failed ones included; {@code NaN} when there were none. */
    public double hitRate() {
        long total = total();
        return total == 0 ? Double.NaN : (double) hits() / total;
    }

    /** Failed reads over all reads; {@code NaN} when there were none. */
    public double errorRate() {
        long total = total();
        return total == 0 ? Double.NaN : (double) errors / total;
    }

    /** The counts since {@code earlier}; never negative (a counter that went back counts as zero). */
    public OutcomeCounts minus(OutcomeCounts earlier) {
        return new OutcomeCounts(Math.max(0, l1Hits - earlier.l1Hits), Math.max(0, l2Hits - earlier.l2Hits),
                Math.max(0, misses - earlier.misses), Math.max(0, stale - earlier.stale),
                Math.max(0, errors - earlier.errors));
    }

    public OutcomeCounts plus(OutcomeCounts other) {
        return new OutcomeCounts(l1Hits + other.l1Hits, l2Hits + other.l2Hits, misses + other.misses,
                stale + other.stale, errors + other.errors);
    }
}
