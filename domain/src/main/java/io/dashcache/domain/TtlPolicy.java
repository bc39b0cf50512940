package io.dashcache.domain;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long each data type stays fresh, how long it may then be served stale, and how long the
 * engine's "no such data" is remembered.
 *
 * <ul>
 *   <li>Logical TTL: the type's TTL minus a random jitter of up to {@code jitterFraction} of it, so
 *       entries written together do not all expire together. It never exceeds the type's TTL.</li>
 *   <li>Grace: a quarter of the type's TTL, at least 5 s and at most 5 min. Inside it a read is
 *       answered at once with the old value ({@code X-Cache: STALE}) while one refresh runs.</li>
 *   <li>Redis TTL: logical TTL plus grace, so the TTL Redis reports is at most the type's TTL plus
 *       its grace period.</li>
 * </ul>
 */
public final class TtlPolicy {

    public static final double DEFAULT_JITTER = 0.1;
    public static final Duration MAX_TTL = Duration.ofDays(7);
    static final Duration MIN_GRACE = Duration.ofSeconds(5);
    static final Duration MAX_GRACE = Duration.ofMinutes(5);
    static final Duration MAX_ABSENT_TTL = Duration.ofSeconds(30);

    private final Map<DataType, Duration> ttls;
    private final double jitterFraction;
    private final Map<DataType, CachePolicy> policies = new EnumMap<>(DataType.class);

    private TtlPolicy(Map<DataType, Duration> ttls, double jitterFraction) {
        this.ttls = ttls;
        this.jitterFraction = jitterFraction;
        ttls.forEach((type, ttl) -> policies.put(type, CachePolicy.of(ttl, jitterFraction)));
    }

    /** The contract's TTL table with the default jitter. */
    public static TtlPolicy defaults() {
        Map<DataType, Duration> ttls = new EnumMap<>(DataType.class);
        for (DataType type : DataType.values()) {
            ttls.put(type, type.defaultTtl());
        }
        return new TtlPolicy(ttls, DEFAULT_JITTER);
    }

    /** A copy with one type's TTL replaced (from {@code DASHCACHE_TTL_<TYPE>}). */
    public TtlPolicy withTtl(DataType type, Duration ttl) {
        Objects.requireNonNull(type, "type");
        if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new InvalidInputException("ttl", "TTL of " + type.segment()
                    + " must be from 1 second to 7 days, got " + ttl);
        }
        Map<DataType, Duration> copy = new EnumMap<>(ttls);
        copy.put(type, ttl);
        return new TtlPolicy(copy, jitterFraction);
    }

    /** A copy with another jitter; 0 turns jitter off (tests), at most 0.5. */
    public TtlPolicy withJitter(double fraction) {
        if (!(fraction >= 0 && fraction <= 0.5)) {
            throw new InvalidInputException("jitter", "jitter must be from 0 to 0.5, got " + fraction);
        }
        return new TtlPolicy(ttls, fraction);
    }

    public Duration ttl(DataType type) {
        return ttls.get(type);
    }

    /** The type's TTL shortened by a random jitter: how long a new entry stays fresh. */
    public Duration logicalTtl(DataType type, RandomGenerator random) {
        return policy(type).logicalTtl(random);
    }

    /** The type's rules as the cache engine applies them. */
    public CachePolicy policy(DataType type) {
        return policies.get(type);
    }

    /** How long after its logical expiry an entry may still be served stale. */
    public Duration grace(DataType type) {
        return graceFor(ttl(type));
    }

    /** How long the engine's 404 for a key is remembered: brief, so new data shows up soon. */
    public Duration absentTtl(DataType type) {
        return absentTtlFor(ttl(type));
    }

    /** A quarter of the TTL, at least 5 s and at most 5 min. */
    static Duration graceFor(Duration ttl) {
        Duration quarter = ttl.dividedBy(4);
        if (quarter.compareTo(MIN_GRACE) < 0) {
            return MIN_GRACE;
        }
        return quarter.compareTo(MAX_GRACE) > 0 ? MAX_GRACE : quarter;
    }

    /** The TTL, at most 30 s. */
    static Duration absentTtlFor(Duration ttl) {
        return ttl.compareTo(MAX_ABSENT_TTL) < 0 ? ttl : MAX_ABSENT_TTL;
    }

    public double jitterFraction() {
        return jitterFraction;
    }
}
