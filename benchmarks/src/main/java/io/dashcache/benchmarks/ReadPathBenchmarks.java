package io.dashcache.benchmarks;

import io.dashcache.adapters.redis.EnvelopeCodec;
import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.UserId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One read at a time, side by side: what one read of a warm key costs through dashcache's use case
 * (L1 hit, L2 hit; built by hand and as a running instance wires it), through a bare Jedis GET of the
 * same bytes, a plain cache-aside on Jedis and Spring's RedisCache; and the pure steps around them.
 * Average and sampled (p50, p99) time per read, in nanoseconds.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Threads(1)
public class ReadPathBenchmarks {

    @Benchmark
    public DashboardRead l1Hit(RedisFixture redis) {
        return redis.withL1.read(redis.hotKey);
    }

    @Benchmark
    public DashboardRead l1HitAsWired(WiredFixture wired) {
        return wired.readerWithL1.read(wired.hotKey);
    }

    @Benchmark
    public DashboardRead l2Hit(RedisFixture redis) {
        return redis.withoutL1.read(redis.hotKey);
    }

    @Benchmark
    public DashboardRead l2HitAsWired(WiredFixture wired) {
        return wired.readerWithoutL1.read(wired.hotKey);
    }

    /** The baseline of the L2 target: one GET of the very bytes an L2 hit reads, on the same pool. */
    @Benchmark
    public byte[] jedisGet(RedisFixture redis) {
        return redis.redis.client().get(redis.hotValueKey);
    }

    /** What an L2 hit sends: the value and its scope's version in one MGET, nothing decoded. */
    @Benchmark
    public List<byte[]> jedisMget(RedisFixture redis) {
        return redis.redis.client().mget(redis.hotValueKey, redis.hotVersionKey);
    }

    @Benchmark
    public byte[] cacheAsideJedis(RedisFixture redis) {
        return redis.cacheAside.read(redis.hotKey);
    }

    @Benchmark
    public byte[] springRedisCache(SpringFixture spring) {
        return spring.read(spring.hotKey);
    }

    /** What the HTTP adapter does with a caller's id before anything reaches a tier. */
    @Benchmark
    public String keyBuildAndValidate(Samples samples) {
        CacheKey key = CacheKey.forUser(DataType.OVERVIEW, UserId.of(samples.userHeader));
        return samples.keys.valueKey(key);
    }

    @Benchmark
    public UserId userIdValidation(Samples samples) {
        return UserId.of(samples.userHeader);
    }

    @Benchmark
    public byte[] envelopeEncode(Samples samples) {
        return EnvelopeCodec.encode(samples.entry);
    }

    @Benchmark
    public CacheEntry envelopeDecode(Samples samples) {
        return EnvelopeCodec.decode(samples.envelope);
    }
}
