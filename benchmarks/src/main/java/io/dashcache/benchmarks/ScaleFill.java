package io.dashcache.benchmarks;

import io.dashcache.adapters.redis.EnvelopeCodec;
import io.dashcache.domain.CacheEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Puts a scale run's keys into Redis and takes them out again, pipelined. What a key gets is exactly
 * what {@code RedisSharedTier.writeIfVersion} stores for the same entry when its scope has no version
 * yet (version 0, the Lua script then only runs {@code SET value envelope PX lifetime}): the
 * {@link EnvelopeCodec} envelope, with the entry's remaining lifetime as TTL. Only faster: a
 * thousand SETs per round trip instead of one script call each (on a cluster, Jedis' cluster
 * pipeline splits them by node and sends the parts side by side).
 *
 * <pre>{@code
 * ScaleFill fill = new ScaleFill(redis, keys);
 * fill.fill(1_000_000, now);
 * fill.unlink(1_000_000);     // by name, a thousand per UNLINK (per slot on a cluster): no SCAN, no one else's keys
 * int left = fill.stop();     // from a shutdown hook: no batch after this; keys 0 to left - 1 may be in Redis
 * }</pre>
 */
final class ScaleFill {

    private static final int BATCH = 1000;
    private static final int UNLINK_BATCHES = 20;

    private final UnifiedJedis redis;
    private final ScaleKeys keys;
    // keys 0 to filled - 1 may be in Redis; both guarded by this, so stop() waits for a batch in flight
    private int filled;
    private boolean stopped;

    ScaleFill(UnifiedJedis redis, ScaleKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Writes keys 0 to {@code count - 1} as loaded at {@code now}. */
    void fill(int count, Instant now) {
        for (int from = 0; from < count; from += BATCH) {
            int to = Math.min(count, from + BATCH);
            List<Response<String>> replies = new ArrayList<>(BATCH);
            synchronized (this) {
                if (stopped) {
                    throw new IllegalStateException("stopped: no more keys are written");
                }
                filled = Math.max(filled, to);
                try (AbstractPipeline pipeline = redis.pipelined()) {
                    for (int i = from; i < to; i++) {
                        CacheEntry entry = keys.entry(i, now);
                        replies.add(pipeline.set(keys.redisKey(i), EnvelopeCodec.encode(entry),
                                SetParams.setParams().px(entry.remainingLifetime(now).toMillis())));
                    }
                    pipeline.sync();
                }
            }
            for (Response<String> reply : replies) {
                if (!"OK".equals(reply.get())) {
                    throw new IllegalStateException("SET answered " + reply.get() + " near key " + from);
                }
            }
        }
    }

    /**
     * Unlinks keys 0 to {@code count - 1}, 20 commands per round trip; how many there were (fewer if
     * some expired). One command per thousand keys on one server; on a cluster one per hash slot of a
     * thousand keys (a user's eight share the user's tag), since no command may span two slots.
     */
    long unlink(int count) {
        long removed = 0;
        for (int from = 0; from < count; from += UNLINK_BATCHES * BATCH) {
            List<Response<Long>> replies = new ArrayList<>();
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (int batch = from; batch < Math.min(count, from + UNLINK_BATCHES * BATCH); batch += BATCH) {
                    for (List<byte[]> names : namesBySlot(batch, Math.min(count, batch + BATCH))) {
                        replies.add(pipeline.unlink(names.toArray(byte[][]::new)));
                    }
                }
                pipeline.sync();
            }
            removed += replies.stream().mapToLong(Response::get).sum();
        }
        synchronized (this) {
            if (count >= filled) {
                filled = 0;
            }
        }
        return removed;
    }

    /** The names of keys {@code from} to {@code to - 1}: all together on one server, by hash slot on a cluster. */
    private Collection<List<byte[]>> namesBySlot(int from, int to) {
        boolean cluster = RedisPrimaries.isCluster(redis);
        Map<Integer, List<byte[]>> bySlot = new LinkedHashMap<>();
        for (int i = from; i < to; i++) {
            byte[] name = keys.redisKey(i);
            bySlot.computeIfAbsent(cluster ? JedisClusterCRC16.getSlot(name) : 0, slot -> new ArrayList<>()).add(name);
        }
        return bySlot.values();
    }

    /** Writes nothing more (after the batch in flight); how many keys, from 0, may be in Redis. */
    synchronized int stop() {
        stopped = true;
        return filled;
    }
}
