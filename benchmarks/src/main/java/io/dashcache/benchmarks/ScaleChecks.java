package io.dashcache.benchmarks;

import io.dashcache.adapters.redis.EnvelopeCodec;
import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.domain.CacheEntry;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import redis.clients.jedis.UnifiedJedis;

/**
 * Proof that a pipelined fill is the cache dashcache would have built itself, on a sample of its keys:
 * the bytes in Redis are those the real write path ({@link SharedCacheTier#writeIfVersion}) stores
 * for the same entry; the real L2 read decodes them into that entry; and an instance answers them
 * over HTTP as {@code L2_HIT}, byte for byte, without calling the engine. Any difference throws.
 *
 * <pre>{@code
 * ScaleChecks.Outcome checked = new ScaleChecks(redis, tier, keys).check(count, now, connectionToA, engine);
 * }</pre>
 */
final class ScaleChecks {

    private static final int WRITE_PATH_SAMPLE = 100;
    private static final int READ_SAMPLE = 1000;
    private static final int HTTP_SAMPLE = 48;

    private final UnifiedJedis redis;
    private final SharedCacheTier tier;
    private final ScaleKeys keys;

    ScaleChecks(UnifiedJedis redis, SharedCacheTier tier, ScaleKeys keys) {
        this.redis = redis;
        this.tier = tier;
        this.keys = keys;
    }

    Outcome check(int count, Instant filledAt, HttpConnection instance, FakeEngine engine) throws IOException {
        SplittableRandom random = new SplittableRandom(count);
        for (int n = 0; n < WRITE_PATH_SAMPLE; n++) {
            int i = random.nextInt(count);
            CacheEntry entry = keys.entry(i, filledAt);
            byte[] filled = redis.get(keys.redisKey(i));
            if (!Arrays.equals(filled, EnvelopeCodec.encode(entry))) {
                throw new IllegalStateException("key " + i + " does not hold its envelope");
            }
            Instant now = Instant.now();
            if (!tier.writeIfVersion(keys.key(i), entry, entry.remainingLifetime(now))) {
                throw new IllegalStateException("the real write path refused key " + i + " (version moved?)");
            }
            if (!Arrays.equals(filled, redis.get(keys.redisKey(i)))) {
                throw new IllegalStateException("the real write path stores other bytes for key " + i);
            }
        }
        for (int n = 0; n < READ_SAMPLE; n++) {
            int i = random.nextInt(count);
            SharedCacheTier.SharedRead read = tier.read(keys.key(i));
            if (!keys.entry(i, filledAt).equals(read.entry())) {
                throw new IllegalStateException("the L2 read of key " + i + " gave " + read.entry());
            }
        }
        long engineCalls = engine.calls();
        for (int n = 0; n < HTTP_SAMPLE; n++) {
            int i = random.nextInt(count);
            HttpConnection.Reply reply = instance.send(keys.call(i));
            if (reply.status() != 200 || !"L2_HIT".equals(reply.xCache())
                    || !Arrays.equals(reply.body(), keys.payload(i))) {
                throw new IllegalStateException("key " + i + " (" + keys.key(i) + ") read over HTTP as "
                        + reply.status() + " " + reply.xCache() + ", not as an L2 hit of its payload");
            }
        }
        if (engine.calls() != engineCalls) {
            throw new IllegalStateException("reading filled keys called the engine " + (engine.calls() - engineCalls)
                    + " time(s)");
        }
        return new Outcome(WRITE_PATH_SAMPLE, READ_SAMPLE, HTTP_SAMPLE);
    }

    /** How many sampled keys passed each check (all of them, or {@link #check} threw). */
    record Outcome(int sameBytesAsWritePath, int decodedByL2Read, int l2HitsOverHttp) {

        @Override
        public String toString() {
            return sameBytesAsWritePath + " keys byte-identical to RedisSharedTier.writeIfVersion, " + decodedByL2Read
                    + " read back by RedisSharedTier.read as the entry written, " + l2HitsOverHttp
                    + " answered over HTTP as L2_HIT with their payload (engine not called)";
        }
    }
}
