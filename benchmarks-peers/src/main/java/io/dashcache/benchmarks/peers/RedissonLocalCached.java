package io.dashcache.benchmarks.peers;

import java.time.Duration;
import java.util.Map;
import org.redisson.Redisson;
import org.redisson.api.RLocalCachedMap;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.LocalCachedMapOptions;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;
import org.redisson.codec.CompositeCodec;
import org.redisson.config.Config;

/**
 * Redisson's {@code RLocalCachedMap}: a Redis hash with a local cache in front (Redisson's own, LRU,
 * bounded, with a time to live) that every instance invalidates by pub/sub; string keys, byte values,
 * read with {@code map.get(key)}.
 */
public final class RedissonLocalCached implements PeerCache {

    private final RedissonClient client;
    private final RLocalCachedMap<String, byte[]> map;

    private RedissonLocalCached(RedissonClient client, RLocalCachedMap<String, byte[]> map) {
        this.client = client;
        this.map = map;
    }

    /**
     * Writes every one of {@code values} into the hash {@code mapName} and loads them into the local
     * cache, so every later read is a local hit.
     *
     * @param redisUrl {@code redis://host:port}
     */
    public static RedissonLocalCached filled(String redisUrl, String mapName, Map<String, byte[]> values,
                                             Duration ttl) {
        Config config = new Config();
        config.useSingleServer().setAddress(redisUrl);
        RedissonClient client = Redisson.create(config);
        RLocalCachedMap<String, byte[]> map = client.getLocalCachedMap(LocalCachedMapOptions.<String, byte[]>name(mapName)
                .codec(new CompositeCodec(StringCodec.INSTANCE, ByteArrayCodec.INSTANCE))
                .cacheSize(2 * values.size())
                .evictionPolicy(LocalCachedMapOptions.EvictionPolicy.LRU)
                .syncStrategy(LocalCachedMapOptions.SyncStrategy.INVALIDATE)
                .timeToLive(ttl));
        map.putAll(values);
        map.preloadCache();
        if (map.getCachedMap().size() != values.size()) {
            throw new IllegalStateException("Redisson's local cache holds " + map.getCachedMap().size() + " of "
                    + values.size() + " entries after the preload");
        }
        return new RedissonLocalCached(client, map);
    }

    @Override
    public byte[] get(String key) {
        return map.get(key);
    }

    /** A plain write: Redis first, then Redisson tells every other client's local cache to drop the key. */
    public void put(String key, byte[] value) {
        map.fastPut(key, value);
    }

    @Override
    public void close() {
        map.delete();
        client.shutdown();
    }
}
