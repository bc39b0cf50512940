package io.dashcache.application.warming;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * How often each key was read lately, approximately, in a fixed amount of memory: a count-min
 * sketch of four rows. An estimate is never below the true count since the last ageing, and rarely
 * far above it. After every {@code 10 x width} additions all counters are halved, so the sketch
 * follows what is hot now rather than what was hot an hour ago (TinyLFU's reset).
 *
 * <p>Lock-free; counts racing with an ageing pass may be halved or not, which only blurs an estimate.
 */
final class FrequencySketch {

    private static final int DEPTH = 4;
    private static final long[] SEEDS = {
            0x9E3779B97F4A7C15L, 0xC2B2AE3D27D4EB4FL, 0x165667B19E3779F9L, 0xD6E8FEB86659FD93L};

    private final AtomicIntegerArray counters;
    private final int width;
    private final int sampleSize;
    private final AtomicInteger additions = new AtomicInteger();
    private final AtomicBoolean ageing = new AtomicBoolean();
    private volatile int ageings;

    /** @param width counters per row, rounded up to a power of two: a few times the number of keys that matter */
    FrequencySketch(int width) {
        if (width < 1 || width > (1 << 24)) {
            throw new IllegalArgumentException("sketch width must be from 1 to 2^24, got " + width);
        }
        this.width = Integer.highestOneBit(Math.max(16, width) - 1) << 1;
        this.counters = new AtomicIntegerArray(DEPTH * this.width);
        this.sampleSize = 10 * this.width;
    }

    /** Counts one more read of {@code item} and returns its estimate after it. */
    int increment(Object item) {
        int hash = item.hashCode();
        int estimate = Integer.MAX_VALUE;
        for (int row = 0; row < DEPTH; row++) {
            int index = index(hash, row);
            int count = counters.get(index);
            if (count < Integer.MAX_VALUE) {
                count = counters.incrementAndGet(index);
            }
            estimate = Math.min(estimate, count);
        }
        if (additions.incrementAndGet() >= sampleSize) {
            age();
        }
        return estimate;
    }

    /** The estimated number of reads of {@code item} since the last ageing (more or less). */
    int estimate(Object item) {
        int hash = item.hashCode();
        int estimate = Integer.MAX_VALUE;
        for (int row = 0; row < DEPTH; row++) {
            estimate = Math.min(estimate, counters.get(index(hash, row)));
        }
        return estimate;
    }

    /** How many times the counters were halved: lets a reader of estimates scale its own thresholds. */
    int ageings() {
        return ageings;
    }

    int width() {
        return width;
    }

    private void age() {
        if (!ageing.compareAndSet(false, true)) {
            return;
        }
        try {
            additions.set(0);
            for (int i = 0; i < counters.length(); i++) {
                counters.set(i, counters.get(i) >>> 1);
            }
            ageings++;
        } finally {
            ageing.set(false);
        }
    }

    private int index(int hash, int row) {
        long mixed = (hash ^ SEEDS[row]) * SEEDS[(row + 1) & (DEPTH - 1)];
        mixed ^= mixed >>> 31;
        return row * width + (int) (mixed & (width - 1));
    }
}
