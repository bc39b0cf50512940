package io.dashcache.benchmarks;

import io.dashcache.adapters.redis.EnvelopeCodec;
import io.dashcache.adapters.redis.RedisConnector;
import io.dashcache.bootstrap.Dashcache;
import io.dashcache.bootstrap.DashcacheConfig;
import io.dashcache.domain.KeyFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import redis.clients.jedis.UnifiedJedis;

/**
 * Whether an event's way to fresh answers grows with the size of the cache: L2 is filled with 10k,
 * 100k and 1M cached keys ({@link ScaleKeys}: 125,000 users' eight keys at 1M, payloads of the demo
 * engine, 175 to 400 bytes), and at each size the {@link PropagationHarness}'s measurement runs again
 * on two instances beside them ({@link PropagationRounds}: XADD to fresh on both, median and p99).
 * Also at each size: the Redis side of one event's invalidation (the six version bumps of a
 * {@code detection.created}, one pipelined round trip), a plain L2 read, and what a cached key costs
 * Redis ({@code used_memory} before and after the fill, divided by the keys; {@code MEMORY USAGE}
 * by type). Once, before the fill: what an entry costs in L1 ({@link L1Footprint}).
 *
 * <pre>
 * java -XX:+UseZGC -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar io.dashcache.benchmarks.ScaleHarness [sizes=10000,100000,1000000] [events=200]
 * </pre>
 *
 * The fill is pipelined ({@link ScaleFill}), byte-identical to the real write path, and checked on a
 * sample at every size ({@link ScaleChecks}). Every key is unlinked by name after its size, and all
 * else under the run's prefix at the end; never a FLUSHALL, the Redis is shared. Stopped (SIGTERM, Ctrl-C),
 * a shutdown hook does the same; killed outright, the run leaves values that expire within 35 minutes and
 * a few keys under its prefix (the events stream, version counters) to remove by hand.
 *
 * <p>With {@code DASHCACHE_BENCH_REDIS_URL=redis-cluster://host:port,...} the same run goes to a Redis
 * Cluster, as the instances do: keys with hash tags, the fill and the clean-up through the cluster
 * client (its pipeline sends each node its part), the bumps with the instances' replica WAITs, and
 * the memory and CPU figures summed over the primaries ({@link RedisPrimaries}).
 */
public final class ScaleHarness {

    private static final int L1_SAMPLE = 100_000;
    private static final int JIT_WARM_UP = 150;
    /** Generous: about 600 bytes a key are expected; the run refuses to start without room for this. */
    private static final long ROOM_PER_KEY = 1200;

    private ScaleHarness() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,100000,1000000").split(","))
                .mapToInt(size -> Integer.parseInt(size.trim())).toArray();
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String prefix = BenchRedis.uniquePrefix("scale");
        KeyFormat format = BenchRedis.keyFormat(prefix);
        ScaleKeys keys = new ScaleKeys(format);
        try (RedisConnector redis = BenchRedis.connect(4); FakeEngine engine = FakeEngine.start()) {
            UnifiedJedis client = redis.client();
            ScaleFill fill = new ScaleFill(client, keys);
            // stopped mid-run (SIGTERM, Ctrl-C): no batch after the one in flight, then all of it unlinked
            Thread onExit = new Thread(() -> cleanUp(keys, format, fill.stop()), "scale-cleanup");
            Runtime.getRuntime().addShutdownHook(onExit);
            try {
                measure(client, engine, fill, keys, format, sizes, events);
            } finally {
                cleanUp(keys, format, fill.stop());
                try {
                    Runtime.getRuntime().removeShutdownHook(onExit);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway; cleaning up twice is harmless
                }
            }
        }
    }

    /** The L1 footprint once, then each size in turn, then the summary. */
    private static void measure(UnifiedJedis client, FakeEngine engine, ScaleFill fill, ScaleKeys keys,
                                KeyFormat format, int[] sizes, int events) throws Exception {
        String prefix = format.prefix();
        System.out.println("machine: " + Machine.describe(client));
        requireRoom(client, Arrays.stream(sizes).max().orElse(0));
        printPayloads(keys);
        L1Footprint.Result l1 = L1Footprint.measure(keys, L1_SAMPLE);
        System.out.printf(Locale.ROOT, "L1 (Caffeine, as wired; %s): %,d entries of these keys (payload %.0f bytes "
                + "on average): %.0f bytes of heap per entry (heap after a full GC, before and after); the weigher "
                + "counts %.0f bytes per entry toward DASHCACHE_L1_MAX_BYTES%n%n", l1.collector(), l1.entries(),
                l1.payloadBytesPerEntry(), l1.heapBytesPerEntry(), l1.weighedBytesPerEntry());
        DashcacheConfig configA = PropagationHarness.config(prefix, engine, "a");
        List<ScaleResult> results = new ArrayList<>();
        try (Dashcache a = Dashcache.start(configA);
             Dashcache b = Dashcache.start(PropagationHarness.config(prefix, engine, "b"));
             PropagationRounds rounds = PropagationRounds.open(client, engine, format, configA.eventsStream(), a, b,
                     TimeUnit.MICROSECONDS.toNanos(100));
             RawHttpConnection toA = new RawHttpConnection(a.port(), true)) {
            ScaleRun run = new ScaleRun(client, format, configA.resilience().redisReplicaAcks(), keys, engine, rounds,
                    toA, fill, events);
            // the JIT's warm-up, so that the first size does not pay for it (each size has 20 more rounds)
            rounds.run(JIT_WARM_UP, 0, prefix + "-jit");
            for (int size : sizes) {
                ScaleResult result = run.measure(size);
                result.print();
                results.add(result);
            }
        }
        summary(results, events);
    }

    private static void summary(List<ScaleResult> results, int events) {
        System.out.printf(Locale.ROOT, "=== summary (%d events per size; ms unless marked)%n", events);
        System.out.printf(Locale.ROOT, "%12s %7s %7s %9s %9s %9s %9s %9s %9s %9s %9s %9s %9s%n", "cached keys",
                "fill s", "B/key", "MEM USAGE", "bcast p50", "both p50", "both p99", "bump p50", "bump p99",
                "bump us*", "read p50", "read p99", "read us*");
        for (ScaleResult result : results) {
            Distribution both = Distribution.of(result.propagation().bothFresh());
            Distribution bump = Distribution.of(result.bumps());
            Distribution read = Distribution.of(result.reads());
            System.out.printf(Locale.ROOT, "%,12d %7.2f %7.1f %9.1f %9.3f %9.3f %9.3f %9.3f %9.3f %9.2f %9.3f %9.3f "
                            + "%9.2f%n", result.keys(), result.fillNanos() / 1e9, result.bytesPerKey(),
                    result.meanUsage(), Distribution.of(result.propagation().broadcast()).p50(), both.p50(), both.p99(),
                    bump.p50(), bump.p99(), result.bumpMicrosInRedis(), read.p50(), read.p99(),
                    result.readMicrosInRedis());
        }
        if (results.size() > 1) {
            ScaleResult first = results.get(0);
            ScaleResult last = results.get(results.size() - 1);
            Distribution firstBoth = Distribution.of(first.propagation().bothFresh());
            Distribution lastBoth = Distribution.of(last.propagation().bothFresh());
            System.out.printf(Locale.ROOT, "%,d keys against %,d: both fresh p50 x%.2f, p99 x%.2f; bump p50 x%.2f, "
                            + "in Redis x%.2f; L2 read p50 x%.2f, in Redis x%.2f%n", last.keys(), first.keys(),
                    lastBoth.p50() / firstBoth.p50(), lastBoth.p99() / firstBoth.p99(),
                    Distribution.of(last.bumps()).p50() / Distribution.of(first.bumps()).p50(),
                    last.bumpMicrosInRedis() / first.bumpMicrosInRedis(),
                    Distribution.of(last.reads()).p50() / Distribution.of(first.reads()).p50(),
                    last.readMicrosInRedis() / first.readMicrosInRedis());
        }
        System.out.println("* Redis CPU in microseconds per bump script / per MGET (server-side, INFO commandstats, "
                + "summed over the primaries of a cluster); bump = " + results.get(0).bumpLabel());
        System.out.println("load average at the end: " + Machine.loadAverage());
    }

    /** The payload and envelope of each of a user's eight keys (for user s12345, a 6-character id). */
    private static void printPayloads(ScaleKeys keys) {
        StringBuilder out = new StringBuilder("payload / envelope bytes per key (user s12345):");
        int base = 12345 * ScaleKeys.KEYS_PER_USER;
        long sum = 0;
        for (int slot = 0; slot < ScaleKeys.KEYS_PER_USER; slot++) {
            int payload = keys.payload(base + slot).length;
            sum += payload;
            out.append(' ').append(ScaleKeys.slotName(slot)).append(' ').append(payload).append('/')
                    .append(EnvelopeCodec.encode(keys.entry(base + slot, Instant.now())).length);
        }
        System.out.println(out + "; mean payload " + sum / ScaleKeys.KEYS_PER_USER + " bytes; key name "
                + keys.redisKey(base + 5).length + " bytes (" + new String(keys.redisKey(base + 5)) + ")");
    }

    /**
     * Refuses to start when the largest size might not fit under a primary's maxmemory (its share of
     * the keys, on a cluster) or, counting every copy (replicas too, as on a loopback cluster), in half
     * the machine's memory.
     */
    private static void requireRoom(UnifiedJedis redis, int largest) {
        List<Room> primaries = RedisPrimaries.map(redis,
                server -> new Room(RedisMemory.serverUsedBytes(server), RedisMemory.serverMaxBytes(server)));
        long system = RedisMemory.systemBytes(redis);
        long needed = largest * ROOM_PER_KEY;
        long share = needed / primaries.size();
        long allCopies = share * RedisPrimaries.servers(redis);
        String servers = primaries.stream().map(Room::toString).collect(Collectors.joining("; "));
        System.out.printf(Locale.ROOT, "Redis memory (%s): %s; machine %,d bytes; %,d keys need at most about %,d "
                + "bytes (%,d with every copy)%n", primaries.size() == 1 ? "one server" : primaries.size()
                + " primaries", servers, system, largest, needed, allCopies);
        if (allCopies > system / 2 || !primaries.stream().allMatch(primary -> primary.fits(share))) {
            throw new IllegalStateException("not enough room in Redis for " + largest + " keys (" + servers
                    + "; machine " + system + "); pass smaller sizes");
        }
    }

    /** One primary's {@code used_memory} and {@code maxmemory} (0 = unlimited). */
    private record Room(long used, long max) {

        boolean fits(long more) {
            return max == 0 || used + more <= max;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "used %,d bytes, maxmemory %s", used,
                    max == 0 ? "unlimited" : String.format(Locale.ROOT, "%,d", max));
        }
    }

    /** Unlinks keys 0 to {@code filled - 1} by name, then all else under the prefix (streams, versions, leases). */
    private static synchronized void cleanUp(ScaleKeys keys, KeyFormat format, int filled) {
        try (RedisConnector redis = BenchRedis.connect(1)) {
            if (filled > 0) {
                new ScaleFill(redis.client(), keys).unlink(filled);
            }
            BenchRedis.deleteEverything(redis.client(), format);
        } catch (RuntimeException e) {
            System.err.println("cleaning up under " + format.prefix() + " failed: " + e);
        }
    }
}
