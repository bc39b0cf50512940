package io.dashcache.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A cached answer: the engine's bytes exactly as it sent them (or the fact that it had no such
 * data), with what the cache needs to know about them.
 *
 * <p>A value class rather than a record: an L1 hit reads an entry's logical expiry and load
 * duration, and as the record's {@code Instant} and {@code Duration} components each was one more
 * object, so one more cache line to fetch from memory, on every hit (docs/benchmarks.md, section 7);
 * here they are also kept as plain numbers in the entry itself.
 */
public final class CacheEntry {

    private static final byte[] NOTHING = new byte[0];

    private final long freshUntilMillis;
    private final long staleUntilMillis;
    private final long scopeVersion;
    private final boolean absent;
    private final long loadMillis;
    private final byte[] payload;
    private final String etag;
    private final Instant storedAt;
    private final Instant freshUntil;
    private final Instant staleUntil;
    private final Duration loadDuration;

    /**
     * @param payload      the engine's JSON, never parsed or re-serialised; empty when {@code absent}
     * @param absent       the engine answered 404: remembered briefly so a missing user cannot hammer it
     * @param etag         strong entity tag of the payload
     * @param storedAt     when the value was loaded from the engine
     * @param freshUntil   logical expiry: after it the value is stale
     * @param staleUntil   end of the grace period: after it the value must not be served at all
     * @param scopeVersion the version of the key's scope that the load started under
     * @param loadDuration how long the engine took to answer, kept to the millisecond (zero when unknown):
     *                     the cost of recomputing, which decides how early a hot entry is refreshed
     */
    public CacheEntry(byte[] payload, boolean absent, String etag, Instant storedAt, Instant freshUntil,
                      Instant staleUntil, long scopeVersion, Duration loadDuration) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(storedAt, "storedAt");
        Objects.requireNonNull(freshUntil, "freshUntil");
        Objects.requireNonNull(staleUntil, "staleUntil");
        Objects.requireNonNull(loadDuration, "loadDuration");
        if (freshUntil.isBefore(storedAt) || staleUntil.isBefore(freshUntil)) {
            throw new IllegalArgumentException("expected storedAt <= freshUntil <= staleUntil");
        }
        if (loadDuration.isNegative()) {
            throw new IllegalArgumentException("loadDuration must not be negative, got " + loadDuration);
        }
        this.payload = payload;
        this.absent = absent;
        this.etag = etag;
        this.storedAt = storedAt;
        this.freshUntil = freshUntil;
        this.staleUntil = staleUntil;
        this.scopeVersion = scopeVersion;
        // the precision every tier keeps, so an entry read back from L2 equals the one written
        this.loadDuration = Duration.ofMillis(loadDuration.toMillis());
        this.freshUntilMillis = freshUntil.toEpochMilli();
        this.staleUntilMillis = staleUntil.toEpochMilli();
        this.loadMillis = this.loadDuration.toMillis();
    }

    /** An entry whose load duration is unknown (zero). */
    public CacheEntry(byte[] payload, boolean absent, String etag, Instant storedAt, Instant freshUntil,
                      Instant staleUntil, long scopeVersion) {
        this(payload, absent, etag, storedAt, freshUntil, staleUntil, scopeVersion, Duration.ZERO);
    }

    /** A value just loaded from the engine, load duration unknown. */
    public static CacheEntry loaded(byte[] payload, Instant now, Duration freshFor, Duration grace, long scopeVersion) {
        return loaded(payload, now, freshFor, grace, scopeVersion, Duration.ZERO);
    }

    /** A value just loaded from the engine in {@code loadDuration}. */
    public static CacheEntry loaded(byte[] payload, Instant now, Duration freshFor, Duration grace, long scopeVersion,
                                    Duration loadDuration) {
        Instant freshUntil = now.plus(freshFor);
        return new CacheEntry(payload, false, ETag.of(payload), now, freshUntil, freshUntil.plus(grace), scopeVersion,
                loadDuration);
    }

    /** The engine's 404, remembered for {@code freshFor}, never served stale. */
    public static CacheEntry absent(Instant now, Duration freshFor, long scopeVersion) {
        Instant until = now.plus(freshFor);
        return new CacheEntry(NOTHING, true, "\"absent\"", now, until, until, scopeVersion);
    }

    public byte[] payload() {
        return payload;
    }

    public boolean absent() {
        return absent;
    }

    public String etag() {
        return etag;
    }

    public Instant storedAt() {
        return storedAt;
    }

    public Instant freshUntil() {
        return freshUntil;
    }

    public Instant staleUntil() {
        return staleUntil;
    }

    public long scopeVersion() {
        return scopeVersion;
    }

    public Duration loadDuration() {
        return loadDuration;
    }

    /** {@link #loadDuration()} in milliseconds, read on every L1 hit by refresh-ahead's cheap test. */
    public long loadMillis() {
        return loadMillis;
    }

    /** {@link #staleUntil()} in milliseconds since the epoch. */
    public long staleUntilMillis() {
        return staleUntilMillis;
    }

    /** {@link #freshUntil()} in milliseconds since the epoch. */
    public long freshUntilMillis() {
        return freshUntilMillis;
    }

    public boolean isFresh(Instant now) {
        return now.isBefore(freshUntil);
    }

    /** {@link #isFresh(Instant)} at {@code nowMillis} since the epoch: the L1 hit's test, without an Instant. */
    public boolean isFreshAt(long nowMillis) {
        return nowMillis < freshUntilMillis;
    }

    /** Past its logical expiry but inside the grace period: may be served while it is refreshed. */
    public boolean isServableStale(Instant now) {
        return !absent && !isFresh(now) && now.isBefore(staleUntil);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(staleUntil);
    }

    /** How long Redis should keep it from {@code now}: until the grace period ends. */
    public Duration remainingLifetime(Instant now) {
        return Duration.between(now, staleUntil);
    }

    /** Payload size, the weight of the entry in the memory-bounded L1 tier. */
    public int sizeInBytes() {
        return payload.length + etag.length() + 64;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CacheEntry that && absent == that.absent && scopeVersion == that.scopeVersion
                && Arrays.equals(payload, that.payload) && etag.equals(that.etag) && storedAt.equals(that.storedAt)
                && freshUntil.equals(that.freshUntil) && staleUntil.equals(that.staleUntil)
                && loadDuration.equals(that.loadDuration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(payload), absent, etag, storedAt, freshUntil, staleUntil, scopeVersion,
                loadDuration);
    }

    @Override
    public String toString() {
        return "CacheEntry[" + (absent ? "absent" : payload.length + " bytes") + ", etag=" + etag
                + ", storedAt=" + storedAt + ", freshUntil=" + freshUntil + ", staleUntil=" + staleUntil
                + ", scopeVersion=" + scopeVersion + ", loadDuration=" + loadDuration.toMillis() + " ms]";
    }
}
