package io.dashcache.embedded;

import io.dashcache.domain.CachePolicy;
import io.dashcache.domain.TtlPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * How one named cache keeps its entries. Immutable; each {@code with...} returns a copy.
 *
 * <pre>{@code
 * NamedCacheOptions options = NamedCacheOptions.ttl(Duration.ofMinutes(5))
 *         .withNullsCachedFor(Duration.ofSeconds(10))                   // a loader's null, remembered briefly
 *         .withTtlFunction((key, value) -> key.startsWith("hot:") ? Duration.ofSeconds(30) : null);
 * }</pre>
 *
 * @param ttl            how long an entry stays fresh (1 ms to 7 days)
 * @param jitter         up to this fraction of the TTL is taken off at random, so entries written together
 *                       do not expire together (0 to 0.5)
 * @param nullTtl        how long a loader's {@code null} is remembered; zero (the default): not at all
 * @param ttlFunction    a TTL chosen per entry from its key and value (like Caffeine's {@code Expiry} or
 *                       Spring's {@code TtlFunction}); answering {@code null} keeps {@link #ttl}
 */
public record NamedCacheOptions(Duration ttl, double jitter, Duration nullTtl,
                                Optional<BiFunction<String, byte[], Duration>> ttlFunction) {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    public NamedCacheOptions {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(nullTtl, "nullTtl");
        Objects.requireNonNull(ttlFunction, "ttlFunction");
        if (ttl.compareTo(Duration.ofMillis(1)) < 0 || ttl.compareTo(TtlPolicy.MAX_TTL) > 0) {
            throw new IllegalArgumentException("a named cache's ttl must be from 1 ms to 7 days, got " + ttl);
        }
        if (!(jitter >= 0 && jitter <= 0.5)) {
            throw new IllegalArgumentException("a named cache's jitter must be from 0 to 0.5, got " + jitter);
        }
        if (nullTtl.isNegative() || nullTtl.compareTo(ttl) > 0) {
            throw new IllegalArgumentException("a named cache's nullTtl must be from 0 to its ttl, got " + nullTtl);
        }
    }

    /** Entries fresh for {@code ttl}, the default jitter, nulls not cached, one TTL for all. */
    public static NamedCacheOptions ttl(Duration ttl) {
        return new NamedCacheOptions(ttl, TtlPolicy.DEFAULT_JITTER, Duration.ZERO, Optional.empty());
    }

    public NamedCacheOptions withJitter(double fraction) {
        return new NamedCacheOptions(ttl, fraction, nullTtl, ttlFunction);
    }

    /** Negative caching: a loader's {@code null} is kept for {@code nullTtl}, so a missing key does not hammer it. */
    public NamedCacheOptions withNullsCachedFor(Duration nullTtl) {
        return new NamedCacheOptions(ttl, jitter, nullTtl, ttlFunction);
    }

    public NamedCacheOptions withTtlFunction(BiFunction<String, byte[], Duration> function) {
        return new NamedCacheOptions(ttl, jitter, nullTtl, Optional.of(Objects.requireNonNull(function, "function")));
    }

    /** The engine's view of these options. */
    CachePolicy policy() {
        CachePolicy policy = CachePolicy.of(ttl, jitter);
        return new CachePolicy(policy.ttl(), policy.jitterFraction(), policy.grace(), nullTtl);
    }
}
