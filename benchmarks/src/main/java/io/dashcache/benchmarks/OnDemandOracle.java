package io.dashcache.benchmarks;

import io.dashcache.domain.CacheKey;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.EventType;
import io.dashcache.domain.InvalidationRule;
import io.dashcache.domain.Scope;
import io.dashcache.domain.TtlPolicy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The best hit rate a cache that loads on demand can reach on a given request stream: unbounded,
 * shared by everyone, told of every invalidation the moment it is due, entries kept for their type's
 * TTL less half the jitter. It misses exactly the first read of a key, the first after an event made
 * it stale, and the first after it expired, so the gap between it and 100 % is the workload's, not
 * the cache's. (dashcache can beat it: a user's first read warms the rest of that user's dashboard.)
 */
final class OnDemandOracle {

    private static final TtlPolicy TTLS = TtlPolicy.defaults();

    private final Map<CacheKey, Loaded> entries = new HashMap<>();
    private final Map<Scope, Long> versions = new HashMap<>();

    private record Loaded(long expiresAt, long version) {
    }

    /** One request of the stream, due at {@code due} nanoseconds. */
    record Sent(long due, Call call) {
    }

    /** The share of reads due at or after {@code measureFrom} that it would have answered from the cache. */
    static double hitRate(List<Sent> stream, long measureFrom) {
        OnDemandOracle oracle = new OnDemandOracle();
        long reads = 0;
        long hits = 0;
        for (Sent sent : stream) {
            if (sent.call().isEvent()) {
                oracle.apply(sent.call());
                continue;
            }
            boolean hit = oracle.read(sent.due(), sent.call().key());
            if (sent.due() >= measureFrom) {
                reads++;
                hits += hit ? 1 : 0;
            }
        }
        return reads == 0 ? Double.NaN : (double) hits / reads;
    }

    private void apply(Call event) {
        EngineEvent parsed = new EngineEvent("oracle", EventType.DETECTION_CREATED, event.eventUser(), List.of(),
                Instant.EPOCH, null, null);
        for (Scope scope : InvalidationRule.staleScopes(parsed)) {
            versions.merge(scope, 1L, Long::sum);
        }
    }

    private boolean read(long due, CacheKey key) {
        long version = versions.getOrDefault(key.scope(), 0L);
        Loaded loaded = entries.get(key);
        if (loaded != null && due < loaded.expiresAt() && loaded.version() == version) {
            return true;
        }
        long ttl = (long) (TTLS.ttl(key.type()).toNanos() * (1 - TTLS.jitterFraction() / 2));
        entries.put(key, new Loaded(due + ttl, version));
        return false;
    }
}
