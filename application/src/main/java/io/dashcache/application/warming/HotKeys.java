package io.dashcache.application.warming;

import io.dashcache.domain.CacheKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The keys read most often lately: a {@link FrequencySketch} counts every read, and a bounded set of
 * candidates remembers which keys those counts belong to (a sketch cannot list its keys). A key joins
 * the candidates when its estimate reaches the admission bar; when the set grows to twice its
 * capacity, it is cut back to the {@code capacity} hottest and the bar becomes the coldest kept
 * estimate. The bar halves whenever the sketch ages, so newly hot keys can always get in.
 */
final class HotKeys {

    private final FrequencySketch sketch;
    private final int capacity;
    private final Set<CacheKey> candidates = ConcurrentHashMap.newKeySet();
    private final ReentrantLock pruning = new ReentrantLock();
    private volatile int admissionBar;
    private volatile int ageingsSeen;

    /** @param capacity how many hot keys to keep track of (the largest "hottest N" that can be asked for) */
    HotKeys(int capacity) {
        this(capacity, new FrequencySketch(capacity * 16));
    }

    HotKeys(int capacity, FrequencySketch sketch) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.sketch = sketch;
    }

    /** Counts one read of {@code key}. */
    void record(CacheKey key) {
        int estimate = sketch.increment(key);
        int ageings = sketch.ageings();
        if (ageings != ageingsSeen) {
            ageingsSeen = ageings;
            admissionBar >>>= 1;
        }
        if (estimate < admissionBar || candidates.contains(key)) {
            return;
        }
        candidates.add(key);
        if (candidates.size() > 2 * capacity) {
            prune();
        }
    }

    /** At most {@code count} keys, the most read first. */
    List<CacheKey> hottest(int count) {
        return ranked().stream().limit(count).map(Ranked::key).toList();
    }

    /** At most {@code count} keys with their estimates, the most read first. */
    List<Ranked> hottestWithEstimates(int count) {
        return ranked().stream().limit(count).toList();
    }

    /** How many keys are candidates now (at most twice the capacity). */
    int candidateCount() {
        return candidates.size();
    }

    private void prune() {
        if (!pruning.tryLock()) {
            return; // another thread is cutting the set back already
        }
        try {
            List<Ranked> ranked = ranked();
            if (ranked.size() <= capacity) {
                return;
            }
            for (Ranked dropped : ranked.subList(capacity, ranked.size())) {
                candidates.remove(dropped.key());
            }
            admissionBar = ranked.get(capacity - 1).estimate();
        } finally {
            pruning.unlock();
        }
    }

    private List<Ranked> ranked() {
        List<Ranked> ranked = new ArrayList<>(candidates.size());
        for (CacheKey key : candidates) {
            ranked.add(new Ranked(key, sketch.estimate(key)));
        }
        ranked.sort(Comparator.comparingInt(Ranked::estimate).reversed());
        return ranked;
    }

    /** A key and its estimated reads since the sketch last aged. */
    record Ranked(CacheKey key, int estimate) {
    }
}
