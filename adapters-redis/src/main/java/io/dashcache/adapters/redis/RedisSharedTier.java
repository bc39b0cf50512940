package io.dashcache.adapters.redis;

import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.NamedEntryScope;
import io.dashcache.domain.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * L2 in Redis, for every kind of key. A value lives at {@link KeyFormat#valueKey} as an
 * {@link EnvelopeCodec} envelope that records the version it was loaded under; each scope's counter
 * lives at {@link KeyFormat#versionKey}, in the value's hash slot when cluster hash tags are on (a
 * named cache's name is always its hash tag). A key guarded by one scope has that counter as its
 * version; one guarded by two (a named entry: its cache, then itself) has both in one number, the
 * first in the high 32 bits, so a bump of either changes it.
 *
 * <pre>{@code
 * SharedCacheTier l2 = new RedisSharedTier(connector.client(), KeyFormat.standalone("dash"));
 * SharedRead read = l2.read(key);                  // one MGET: value + version
 * l2.writeIfVersion(key, loaded, ttl);             // Lua compare-and-set on the version
 * l2.bumpVersions(Set.of(Scope.ofUser(OVERVIEW, user)));
 * }</pre>
 *
 * <p>Invalidation never touches values: bumping a version makes every value stored under the old
 * one unreadable, and they expire by their own TTL. A version key carries a TTL too, always longer
 * than that of any value stored under it (each write extends it), so idle scopes leave nothing behind.
 */
public final class RedisSharedTier implements SharedCacheTier {

    /** Longer than the longest value lifetime (7 days of TTL plus 5 minutes of grace). */
    public static final Duration DEFAULT_VERSION_TTL = Duration.ofDays(8);
    private static final int SCAN_COUNT = 500;
    private static final long SHORTFALL_WARNING_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Logger LOG = LoggerFactory.getLogger(RedisSharedTier.class);

    // KEYS[1] value, KEYS[2..] its scopes' versions; ARGV: envelope, value TTL ms, version TTL ms, then the
    // expected version of each scope, then (optional) the store-notice channel. Every counter that exists
    // lives at least as long as the value. The notice names the value key, published after the SET, so
    // whoever hears it finds the value.
    private static final LuaScript WRITE_IF_VERSION = new LuaScript("""
            local counters = {}
            for i = 2, #KEYS do
              local current = redis.call('GET', KEYS[i])
              if (current or '0') ~= ARGV[i + 2] then
                return 0
              end
              counters[i] = current
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            for i = 2, #KEYS do
              if counters[i] and redis.call('PTTL', KEYS[i]) < tonumber(ARGV[3]) then
                redis.call('PEXPIRE', KEYS[i], ARGV[3])
              end
            end
            if #ARGV > #KEYS + 2 then
              redis.call('PUBLISH', ARGV[#KEYS + 3], KEYS[1])
            end
            return 1
            """);

    // KEYS[1] a named entry's counter, KEYS[2] its value; ARGV[1] the counter's TTL in ms. The value goes too:
    // it is the scope's only one, and without it the counter need only outlive the loads in flight.
    static final String BUMP_ENTRY = """
            local version = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            redis.call('UNLINK', KEYS[2])
            return version
            """;
    /**
     * How long a named entry's counter lives after an evict or put (a write under it extends it to the
     * value's lifetime): the bound on how long a load begun before it may run and still be refused.
     */
    static final Duration ENTRY_VERSION_TTL = Duration.ofHours(1);

    // KEYS[1] a version counter; ARGV[1] its TTL in ms. INCR and PEXPIRE together, so no counter lives forever.
    static final String BUMP = """
            local version = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return version
            """;

    private final UnifiedJedis redis;
    private final KeyFormat keys;
    private final Duration versionTtl;
    private final ReplicaAcks replicaAcks;
    private final AtomicLong unreplicatedBumps = new AtomicLong();
    private final AtomicLong lastShortfallWarning = new AtomicLong(Long.MIN_VALUE);
    private final int compressAbove;
    /** Where a stored value is announced ({@link RedisStoreNotices}), or {@code null}: not announced. */
    private final byte[] storeNoticeChannel;
    /** The envelope {@link #storedBytes} made, for the write that follows it on the same thread. */
    private final ThreadLocal<Encoded> lastEncoded = new ThreadLocal<>();

    public RedisSharedTier(UnifiedJedis redis, KeyFormat keys) {
        this(redis, keys, DEFAULT_VERSION_TTL);
    }

    /** @param versionTtl how long an untouched scope version lives; longer than any value's TTL plus grace */
    public RedisSharedTier(UnifiedJedis redis, KeyFormat keys, Duration versionTtl) {
        this(redis, keys, versionTtl, ReplicaAcks.none());
    }

    /** @param replicaAcks how many replicas must hold a version bump before {@link #bumpVersions} returns */
    public RedisSharedTier(UnifiedJedis redis, KeyFormat keys, Duration versionTtl, ReplicaAcks replicaAcks) {
        this(redis, keys, versionTtl, replicaAcks, EnvelopeCodec.DEFAULT_COMPRESS_ABOVE);
    }

    /**
     * @param compressAbove payloads larger than this many bytes are stored compressed
     *                      ({@link EnvelopeCodec}); {@link Integer#MAX_VALUE} stores every payload as it is
     */
    public RedisSharedTier(UnifiedJedis redis, KeyFormat keys, Duration versionTtl, ReplicaAcks replicaAcks,
                           int compressAbove) {
        this(redis, keys, versionTtl, replicaAcks, compressAbove, false);
    }

    /**
     * @param announceStores whether each value stored is announced on {@link RedisStoreNotices#channel}, in
     *                       the compare-and-set itself, so instances waiting for it look at once
     */
    public RedisSharedTier(UnifiedJedis redis, KeyFormat keys, Duration versionTtl, ReplicaAcks replicaAcks,
                           int compressAbove, boolean announceStores) {
        if (compressAbove < 0) {
            throw new IllegalArgumentException("compressAbove must not be negative, got " + compressAbove);
        }
        this.compressAbove = compressAbove;
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.storeNoticeChannel = announceStores ? bytes(RedisStoreNotices.channel(keys)) : null;
        if (versionTtl == null || versionTtl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("versionTtl must be at least 1 second, got " + versionTtl);
        }
        this.versionTtl = versionTtl;
        this.replicaAcks = Objects.requireNonNull(replicaAcks, "replicaAcks");
    }

    /** Version bumps that fewer replicas confirmed than {@link ReplicaAcks} asks for, since start. */
    public long unreplicatedBumps() {
        return unreplicatedBumps.get();
    }

    @Override
    public SharedRead read(EntryKey key) {
        List<Scope> scopes = key.scopes();
        byte[][] names = new byte[1 + scopes.size()][];
        names[0] = bytes(keys.valueKey(key));
        for (int i = 0; i < scopes.size(); i++) {
            names[i + 1] = bytes(keys.versionKey(scopes.get(i)));
        }
        List<byte[]> found = RedisFailures.call("read of " + key, () -> redis.mget(names));
        long version = version(found.get(1), scopes.get(0));
        if (scopes.size() == 2) {
            version = pack(version, version(found.get(2), scopes.get(1)));
        }
        CacheEntry entry = EnvelopeCodec.decode(found.get(0));
        return new SharedRead(entry != null && entry.scopeVersion() == version ? entry : null, version);
    }

    /** Two counters as one version: the first (a named cache's) above, the second (its entry's) below. */
    static long pack(long outer, long inner) {
        return (outer << 32) | (inner & 0xFFFF_FFFFL);
    }

    /**
     * One round trip for all the keys: on one server, a single MGET of every value key and every
     * (distinct) version key; with cluster hash tags, a pipeline of one MGET per hash tag, so no
     * MGET spans two slots.
     */
    @Override
    public List<SharedRead> readAll(List<? extends EntryKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        Map<String, List<EntryKey>> groups = new LinkedHashMap<>();
        for (EntryKey key : keys) {
            groups.computeIfAbsent(keys.size() == 1 || !this.keys.clusterHashTags() ? "" : hashTag(key),
                    tag -> new ArrayList<>()).add(key);
        }
        Map<EntryKey, SharedRead> reads = new LinkedHashMap<>();
        RedisFailures.call("read of " + keys.size() + " key(s)", () -> {
            if (groups.size() == 1) {
                List<EntryKey> group = groups.values().iterator().next();
                GroupRead read = new GroupRead(group);
                read.answer(redis.mget(read.names()), reads);
                return null;
            }
            Map<GroupRead, Response<List<byte[]>>> replies = new LinkedHashMap<>();
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (List<EntryKey> group : groups.values()) {
                    GroupRead read = new GroupRead(group);
                    replies.put(read, pipeline.mget(read.names()));
                }
                pipeline.sync();
            }
            replies.forEach((read, reply) -> read.answer(reply.get(), reads));
            return null;
        });
        List<SharedRead> answers = new ArrayList<>(keys.size());
        for (EntryKey key : keys) {
            answers.add(reads.get(key));
        }
        return answers;
    }

    /** The text in braces of a key's names: its slot's hash tag. */
    private String hashTag(EntryKey key) {
        String name = this.keys.valueKey(key);
        return name.substring(name.indexOf('{'), name.indexOf('}') + 1);
    }

    /** The names one MGET asks for: each distinct value key, then each distinct version key. */
    private final class GroupRead {

        private final List<EntryKey> group;
        private final List<Scope> scopes;

        GroupRead(List<EntryKey> group) {
            this.group = new ArrayList<>(new LinkedHashSet<>(group));
            this.scopes = new ArrayList<>(new LinkedHashSet<>(
                    this.group.stream().flatMap(key -> key.scopes().stream()).toList()));
        }

        byte[][] names() {
            byte[][] names = new byte[group.size() + scopes.size()][];
            for (int i = 0; i < group.size(); i++) {
                names[i] = bytes(keys.valueKey(group.get(i)));
            }
            for (int i = 0; i < scopes.size(); i++) {
                names[group.size() + i] = bytes(keys.versionKey(scopes.get(i)));
            }
            return names;
        }

        private long versionIn(List<byte[]> found, Scope scope) {
            return version(found.get(group.size() + scopes.indexOf(scope)), scope);
        }

        void answer(List<byte[]> found, Map<EntryKey, SharedRead> reads) {
            for (int i = 0; i < group.size(); i++) {
                EntryKey key = group.get(i);
                List<Scope> guards = key.scopes();
                long version = versionIn(found, guards.get(0));
                if (guards.size() == 2) {
                    version = pack(version, versionIn(found, guards.get(1)));
                }
                CacheEntry entry = EnvelopeCodec.decode(found.get(i));
                reads.put(key, new SharedRead(entry != null && entry.scopeVersion() == version ? entry : null,
                        version));
            }
        }
    }

    /**
     * The envelope's length: compressed when the payload is over the threshold. The envelope is kept for
     * the {@link #writeIfVersion} of the same entry that follows on this thread, so a large value is
     * compressed once.
     */
    @Override
    public long storedBytes(CacheEntry entry) {
        byte[] envelope = EnvelopeCodec.encode(entry, compressAbove);
        lastEncoded.set(new Encoded(entry, envelope));
        return envelope.length;
    }

    private byte[] envelope(CacheEntry entry) {
        Encoded last = lastEncoded.get();
        if (last != null) {
            lastEncoded.remove();
            if (last.entry() == entry) {
                return last.envelope();
            }
        }
        return EnvelopeCodec.encode(entry, compressAbove);
    }

    private record Encoded(CacheEntry entry, byte[] envelope) {
    }

    /** A {@code ttl} of zero or less stores nothing (the value would be gone at once) and returns false. */
    @Override
    public boolean writeIfVersion(EntryKey key, CacheEntry entry, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            lastEncoded.remove();
            return false;
        }
        long ttlMillis = Math.max(1, ttl.toMillis());
        List<Scope> scopes = key.scopes();
        List<byte[]> scriptKeys = new ArrayList<>(1 + scopes.size());
        scriptKeys.add(bytes(keys.valueKey(key)));
        scopes.forEach(scope -> scriptKeys.add(bytes(keys.versionKey(scope))));
        List<byte[]> args = new ArrayList<>(3 + scopes.size());
        args.add(envelope(entry));
        args.add(bytes(Long.toString(ttlMillis)));
        args.add(bytes(Long.toString(ttlMillis))); // a counter under the value lives at least as long as it
        long version = entry.scopeVersion();
        if (scopes.size() == 2) {
            args.add(bytes(Long.toString(version >>> 32)));
            args.add(bytes(Long.toString(version & 0xFFFF_FFFFL)));
        } else {
            args.add(bytes(Long.toString(version)));
        }
        if (storeNoticeChannel != null) {
            args.add(storeNoticeChannel);
        }
        Object stored = RedisFailures.call("write of " + key, () -> WRITE_IF_VERSION.run(redis, scriptKeys, args));
        return Long.valueOf(1).equals(stored);
    }

    /**
     * One round trip: a pipeline of one small script per scope (scopes may live in different slots),
     * followed, when {@link ReplicaAcks} asks for it, by one WAIT per slot in the same pipeline.
     */
    @Override
    public Map<Scope, Long> bumpVersions(Collection<? extends Scope> scopes) {
        return bumpVersions(scopes, null);
    }

    /**
     * On one server (or a Sentinel's primary) the PUBLISH rides at the end of the bumps' pipeline: one
     * connection, so Redis runs it after them (and after the WAIT), and a subscriber that hears it reads
     * the new versions. On a cluster the bumps may go to other nodes than the channel's, with no order
     * between them: it is left to the caller, after the bumps returned.
     */
    @Override
    public boolean bumpVersionsAndBroadcast(Collection<? extends Scope> scopes, InvalidationMessage message) {
        if (redis instanceof RedisClusterClient || scopes.isEmpty()) {
            bumpVersions(scopes);
            return false;
        }
        bumpVersions(scopes, Objects.requireNonNull(message, "message"));
        return true;
    }

    /** @param message published last in the same pipeline, or {@code null} */
    private Map<Scope, Long> bumpVersions(Collection<? extends Scope> scopes, InvalidationMessage message) {
        if (scopes.isEmpty()) {
            return Map.of();
        }
        List<String> ttlArg = List.of(Long.toString(versionTtl.toMillis()));
        List<String> entryTtlArg = List.of(Long.toString(ENTRY_VERSION_TTL.toMillis()));
        Map<Scope, Long> bumped = new LinkedHashMap<>();
        Map<String, Long> confirmedPerSlot = new LinkedHashMap<>();
        RedisFailures.call("version bump of " + scopes.size() + " scope(s)", () -> {
            Map<Scope, Response<Object>> replies = new LinkedHashMap<>();
            Map<String, Response<Long>> acks = new LinkedHashMap<>();
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (Scope scope : new LinkedHashSet<>(scopes)) {
                    replies.put(scope, scope instanceof NamedEntryScope entry
                            ? pipeline.eval(BUMP_ENTRY, List.of(keys.versionKey(entry),
                                    keys.namedValueKey(entry.cache(), entry.key())), entryTtlArg)
                            : pipeline.eval(BUMP, List.of(keys.versionKey(scope)), ttlArg));
                }
                // WAIT counts the replicas that hold the writes of its own connection; sent on another
                // pooled connection it would answer at once for writes it never made. In the pipeline, it
                // follows the bumps on the very connection (one per node) that carried them.
                if (replicaAcks.waits()) {
                    for (String sampleKey : sampleKeyPerSlot(replies.keySet())) {
                        acks.put(sampleKey, pipeline.waitReplicas(sampleKey, replicaAcks.replicas(),
                                replicaAcks.timeout().toMillis()));
                    }
                }
                if (message != null) {
                    pipeline.publish(RedisInvalidationBroadcast.channel(keys), InvalidationCodec.encode(message));
                }
                pipeline.sync();
            }
            replies.forEach((scope, reply) -> bumped.put(scope, (Long) reply.get()));
            acks.forEach((sampleKey, reply) -> confirmedPerSlot.put(sampleKey, reply.get()));
            return null;
        });
        confirmedPerSlot.forEach((sampleKey, confirmed) -> {
            if (confirmed < replicaAcks.replicas()) {
                unreplicatedBumps.incrementAndGet();
                warnOfShortfall(sampleKey, confirmed);
            }
        });
        return bumped;
    }

    /** One version key per hash slot the scopes' versions live in (the only one, on a single server). */
    private Collection<String> sampleKeyPerSlot(Collection<Scope> scopes) {
        Map<Integer, String> sampleKeyPerSlot = new LinkedHashMap<>();
        for (Scope scope : scopes) {
            String versionKey = keys.versionKey(scope);
            sampleKeyPerSlot.putIfAbsent(redis instanceof RedisClusterClient ? JedisClusterCRC16.getSlot(versionKey) : 0,
                    versionKey);
        }
        return sampleKeyPerSlot.values();
    }

    private void warnOfShortfall(String sampleKey, long confirmed) {
        long now = System.nanoTime();
        long last = lastShortfallWarning.get();
        if ((last == Long.MIN_VALUE || now - last > SHORTFALL_WARNING_EVERY_NANOS)
                && lastShortfallWarning.compareAndSet(last, now)) {
            LOG.warn("Only {} of {} replica(s) confirmed a version bump (as of {}) within {} ms: a failover of that "
                            + "primary right now could bring stale values back ({} such bumps so far; said once a minute)",
                    confirmed, replicaAcks.replicas(), sampleKey, replicaAcks.timeout().toMillis(),
                    unreplicatedBumps.get());
        }
    }

    @Override
    public long deleteType(DataType type) {
        return deleteMatching("delete of type " + type.segment(), keys.valuePattern(type),
                key -> isValueOf(type, key));
    }

    /**
     * Deletes every value under the prefix. Scope versions stay (they expire by their TTL): resetting
     * a counter to 0 would let a load that started before an earlier bump, at 0, pass its
     * compare-and-set again. Streams, leases and event markers under the prefix are not values and stay.
     */
    @Override
    public long deleteEverything() {
        return deleteMatching("delete of every value", keys.everythingPattern(), this::isValue);
    }

    private long deleteMatching(String operation, String pattern, Predicate<String> isTarget) {
        return RedisFailures.call(operation, () -> {
            long[] deleted = {0};
            KeyScan.of(redis).forEachPage(pattern, SCAN_COUNT,
                    page -> deleted[0] += unlink(page.stream().filter(isTarget).toList()));
            return deleted[0];
        });
    }

    // one key per UNLINK, pipelined: a multi-key UNLINK would span hash slots on a cluster
    private long unlink(List<String> targets) {
        if (targets.isEmpty()) {
            return 0;
        }
        List<Response<Long>> replies = new ArrayList<>(targets.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (String key : targets) {
                replies.add(pipeline.unlink(key));
            }
            pipeline.sync();
        }
        return replies.stream().mapToLong(Response::get).sum();
    }

    private boolean isValue(String redisKey) {
        for (DataType type : DataType.values()) {
            if (isValueOf(type, redisKey)) {
                return true;
            }
        }
        return false;
    }

    // the SCAN pattern "dash:overview*" would also match a name that merely starts the same way
    private boolean isValueOf(DataType type, String redisKey) {
        String head = keys.name(type.segment());
        return redisKey.startsWith(head)
                && (redisKey.length() == head.length() || redisKey.charAt(head.length()) == ':');
    }

    /** A missing counter is version 0; the counter is INCR's decimal text, read without allocating. */
    private static long version(byte[] text, Scope scope) {
        if (text == null) {
            return 0;
        }
        long value = 0;
        boolean negative = text.length > 0 && text[0] == '-';
        int start = negative ? 1 : 0;
        if (text.length == start || text.length - start > 18) {
            throw notANumber(scope);
        }
        for (int i = start; i < text.length; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                throw notANumber(scope);
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    private static CacheTierUnavailableException notANumber(Scope scope) {
        return new CacheTierUnavailableException("Redis read failed: the version of scope " + scope
                + " is not a number", null);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
