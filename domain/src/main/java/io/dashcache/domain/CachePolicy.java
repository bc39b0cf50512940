package io.dashcache.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long one cache's values stay fresh, how long they may then be served stale, and whether and
 * how long "no such value" is remembered. A dashboard type's policy comes from {@link TtlPolicy};
 * a named cache's from its settings. A loader may choose a TTL for one value, which replaces
 * {@link #ttl} for it alone ({@link #withTtl}).
 *
 * @param ttl           the longest a value stays fresh; the jitter shortens it, never lengthens it
 * @param jitterFraction up to this fraction of the TTL is taken off at random (0 to 0.5)
 * @param grace         how long after its logical expiry a value may still be served stale
 * @param absentTtl     how long the source's "no such value" is remembered; zero: never cached
 */
public record CachePolicy(Duration ttl, double jitterFraction, Duration grace, Duration absentTtl) {

    public CachePolicy {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(absentTtl, "absentTtl");
        if (ttl.compareTo(Duration.ofMillis(1)) < 0 || ttl.compareTo(TtlPolicy.MAX_TTL) > 0) {
            throw new InvalidInputException("ttl", "a TTL must be from 1 ms to 7 days, got " + ttl);
        }
        if (!(jitterFraction >= 0 && jitterFraction <= 0.5)) {
            throw new InvalidInputException("jitter", "jitter must be from 0 to 0.5, got " + jitterFraction);
        }
        if (grace.isNegative() || absentTtl.isNegative()) {
            throw new InvalidInputException("grace", "grace and absent TTL must not be negative");
        }
    }

    /** The dashboard rule for grace and absence (a quarter of the TTL within 5 s to 5 min; at most 30 s absent). */
    public static CachePolicy of(Duration ttl, double jitterFraction) {
        return new CachePolicy(ttl, jitterFraction, TtlPolicy.graceFor(ttl), TtlPolicy.absentTtlFor(ttl));
    }

    /** The same, with absence never cached: a source's "nothing" is asked again next time. */
    public CachePolicy withoutAbsentCaching() {
        return new CachePolicy(ttl, jitterFraction, grace, Duration.ZERO);
    }

    /** The same rules for one value whose loader chose its TTL. */
    public CachePolicy withTtl(Duration chosen) {
        return new CachePolicy(chosen, jitterFraction, TtlPolicy.graceFor(chosen), absentTtl);
    }

    public boolean cachesAbsence() {
        return !absentTtl.isZero();
    }

    /** The TTL shortened by a random jitter: how long a new value stays fresh. */
    public Duration logicalTtl(RandomGenerator random) {
        long millis = ttl.toMillis();
        long jitter = (long) (millis * jitterFraction * random.nextDouble());
        return Duration.ofMillis(Math.max(1, millis - jitter));
    }
}
