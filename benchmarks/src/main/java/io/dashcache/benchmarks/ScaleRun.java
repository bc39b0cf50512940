package io.dashcache.benchmarks;

import io.dashcache.adapters.redis.RedisSharedTier;
import io.dashcache.adapters.redis.ReplicaAcks;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.EventType;
import io.dashcache.domain.InvalidationRule;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.DashboardScope;
import io.dashcache.domain.UserId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * One size of {@link ScaleHarness}: fill L2 with that many keys, check a sample, measure (memory,
 * event to fresh answers, the invalidation's version bumps, L2 reads), unlink the keys again.
 *
 * <pre>{@code
 * ScaleResult result = new ScaleRun(redis, format, replicaAcks, keys, engine, rounds, connectionToA, fill, 200)
 *         .measure(1_000_000);
 * }</pre>
 */
final class ScaleRun {

    static final int USAGE_SAMPLE = 200;
    private static final int READS = 5000;
    static final int WARM_UP = 20;

    private final UnifiedJedis redis;
    private final KeyFormat format;
    private final RedisSharedTier tier;
    private final ReplicaAcks replicaAcks;
    private final ScaleKeys keys;
    private final FakeEngine engine;
    private final PropagationRounds rounds;
    private final HttpConnection instance;
    private final ScaleFill fill;
    private final int events;

    /**
     * @param replicaAcks the instances' own: the bumps measured here WAIT for replicas as theirs do
     * @param instance    a connection to one of the two instances, for the sample read over HTTP
     * @param fill        writes and unlinks the keys; stopped from a shutdown hook, it writes no more
     */
    ScaleRun(UnifiedJedis redis, KeyFormat format, ReplicaAcks replicaAcks, ScaleKeys keys, FakeEngine engine,
             PropagationRounds rounds, HttpConnection instance, ScaleFill fill, int events) {
        this.redis = redis;
        this.format = format;
        this.tier = new RedisSharedTier(redis, format, RedisSharedTier.DEFAULT_VERSION_TTL, replicaAcks);
        this.replicaAcks = replicaAcks;
        this.keys = keys;
        this.engine = engine;
        this.rounds = rounds;
        this.instance = instance;
        this.fill = fill;
        this.events = events;
    }

    ScaleResult measure(int size) throws Exception {
        String loadAtStart = Machine.loadAverage();
        long before = RedisMemory.usedBytes(redis);
        Instant filledAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long fillStart = System.nanoTime();
        fill.fill(size, filledAt);
        long fillNanos = System.nanoTime() - fillStart;
        long after = RedisMemory.usedBytes(redis);
        long[] usage = usageBySlot(size);
        ScaleChecks.Outcome checked = new ScaleChecks(redis, tier, keys).check(size, filledAt, instance, engine);
        PropagationRounds.Result propagation = rounds.run(WARM_UP, events, format.prefix() + "-" + size);
        RedisMemory.CommandStat mgetBefore = RedisMemory.commandStat(redis, "mget");
        long[] reads = reads(size);
        double readMicros = RedisMemory.commandStat(redis, "mget").microsPerCallSince(mgetBefore);
        RedisMemory.CommandStat evalBefore = RedisMemory.commandStat(redis, "eval");
        long unconfirmedBefore = tier.unreplicatedBumps();
        long[] bumps = bumps(size);
        double bumpMicros = RedisMemory.commandStat(redis, "eval").microsPerCallSince(evalBefore);
        long unconfirmed = tier.unreplicatedBumps() - unconfirmedBefore;
        int stillCached = stillCached(size);
        String loadAtEnd = Machine.loadAverage();
        long unlinkStart = System.nanoTime();
        long unlinked = fill.unlink(size);
        long unlinkNanos = System.nanoTime() - unlinkStart;
        return new ScaleResult(size, fillNanos, before, after, RedisMemory.usedBytes(redis), usage, checked,
                propagation, reads, readMicros, bumps, bumpMicros, waitsPerEvent(), unconfirmed, stillCached, unlinked,
                unlinkNanos, loadAtStart, loadAtEnd);
    }

    /** Mean MEMORY USAGE of each of a user's eight keys, over a sample of users. */
    private long[] usageBySlot(int size) {
        long[] usage = new long[ScaleKeys.KEYS_PER_USER];
        SplittableRandom random = new SplittableRandom(size + 1);
        int users = size / ScaleKeys.KEYS_PER_USER;
        for (int slot = 0; slot < usage.length; slot++) {
            long sum = 0;
            for (int n = 0; n < USAGE_SAMPLE; n++) {
                int index = random.nextInt(users) * ScaleKeys.KEYS_PER_USER + slot;
                sum += RedisMemory.usageOf(redis, keys.redisKey(index));
            }
            usage[slot] = sum / USAGE_SAMPLE;
        }
        return usage;
    }

    /** The L2 read of a random filled key: one MGET of value and version, decoded. */
    private long[] reads(int size) {
        SplittableRandom random = new SplittableRandom(size + 2);
        long[] nanos = new long[READS];
        for (int i = -500; i < READS; i++) {
            int index = random.nextInt(size);
            long start = System.nanoTime();
            tier.read(keys.key(index));
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
            }
        }
        return nanos;
    }

    /**
     * One detection.created's invalidation in Redis, for a random filled user: its six scopes bumped
     * (one pipeline of six scripts, and on a cluster one WAIT per hash slot). The users' counters go
     * afterwards, or the next size's fill (at version 0) would read as stale.
     */
    private long[] bumps(int size) {
        SplittableRandom random = new SplittableRandom(size + 3);
        long[] nanos = new long[events];
        Set<String> userVersions = new HashSet<>();
        for (int i = -WARM_UP; i < events; i++) {
            UserId user = UserId.of("s" + random.nextInt(size / ScaleKeys.KEYS_PER_USER));
            Set<DashboardScope> scopes = InvalidationRule.staleScopes(new EngineEvent("scale-bump-" + i,
                    EventType.DETECTION_CREATED, user, List.of(), Instant.now(), null, null));
            long start = System.nanoTime();
            tier.bumpVersions(scopes);
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
            }
            scopes.stream().filter(DashboardScope::isPerUser).forEach(scope -> userVersions.add(format.versionKey(scope)));
        }
        // one per UNLINK: on a cluster each user's counters lie in the user's own slot
        try (AbstractPipeline pipeline = redis.pipelined()) {
            userVersions.forEach(pipeline::unlink);
            pipeline.sync();
        }
        return nanos;
    }

    /** The WAITs in one event's bump pipeline: one per hash slot of its six scopes (one slot on one server). */
    private int waitsPerEvent() {
        if (replicaAcks.replicas() == 0) {
            return 0;
        }
        Set<DashboardScope> scopes = InvalidationRule.staleScopes(new EngineEvent("scale-waits", EventType.DETECTION_CREATED,
                UserId.of("s0"), List.of(), Instant.now(), null, null));
        boolean cluster = RedisPrimaries.isCluster(redis);
        return (int) scopes.stream().map(format::versionKey)
                .mapToInt(key -> cluster ? JedisClusterCRC16.getSlot(key) : 0).distinct().count();
    }

    /** How many of 1000 random filled keys still exist (TTLs are the contract's: 2 to 35 minutes). */
    private int stillCached(int size) {
        SplittableRandom random = new SplittableRandom(size + 4);
        int found = 0;
        for (int n = 0; n < 1000; n++) {
            found += redis.exists(keys.redisKey(random.nextInt(size))) ? 1 : 0;
        }
        return found;
    }
}
