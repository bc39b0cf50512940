package io.dashcache.domain;

/** Where an answer came from; the value of the {@code X-Cache} header. */
public enum CacheOutcome {
    L1_HIT,
    L2_HIT,
    MISS,
    STALE;

    public boolean isHit() {
        return this != MISS;
    }
}
