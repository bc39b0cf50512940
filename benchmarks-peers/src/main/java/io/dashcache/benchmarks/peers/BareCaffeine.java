package io.dashcache.benchmarks.peers;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/** Bare Caffeine, the in-process bound: {@code cache.get(key, loader)}, no Redis, no metrics. */
public final class BareCaffeine implements PeerCache {

    private final Cache<String, byte[]> cache;
    private final Function<String, byte[]> loader;

    private BareCaffeine(Cache<String, byte[]> cache, Function<String, byte[]> loader) {
        this.cache = cache;
        this.loader = loader;
    }

    /** Holds every one of {@code values} for {@code ttl} after its write. */
    public static BareCaffeine filled(Map<String, byte[]> values, Duration ttl) {
        Cache<String, byte[]> cache = Caffeine.newBuilder()
                .maximumSize(2L * values.size())
                .expireAfterWrite(ttl)
                .build();
        cache.putAll(values);
        return new BareCaffeine(cache, values::get);
    }

    @Override
    public byte[] get(String key) {
        return cache.get(key, loader);
    }

    @Override
    public void close() {
        cache.invalidateAll();
    }
}
