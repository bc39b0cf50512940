package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.application.port.out.invalidation.AppliedEvents;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.port.out.reading.LoadLeases.Lease;
import io.dashcache.application.port.out.reading.LoadLeases;
import io.dashcache.application.port.out.reading.SharedCacheTier.SharedRead;
import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.application.port.out.reading.SharedCacheTierContract;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.NamedCacheScope;
import io.dashcache.domain.NamedKey;
import io.dashcache.domain.Period;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import io.dashcache.testsupport.RedisTestServer;
import io.dashcache.testsupport.TestRedisClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * The shared-tier contract, and what only a cluster can get wrong, on a real Redis Cluster (three
 * primaries, a replica each) with hash-tagged keys, as {@code redis-cluster://} configures them.
 * Every multi-key command that spans two slots would fail here (CROSSSLOT, or Jedis refusing it).
 */
class RedisSharedTierOnClusterTest extends SharedCacheTierContract {

    private static final Duration ONE_HUNDRED_MS = Duration.ofMillis(100);

    private final String prefix = RedisTestServer.uniquePrefix();
    private final String otherPrefix = RedisTestServer.uniquePrefix();
    private final KeyFormat keys = new KeyFormat(prefix, true);

    @Override
    protected SharedCacheTier newTier() {
        return new RedisSharedTier(TestCluster.connector().client(), keys, RedisSharedTier.DEFAULT_VERSION_TTL,
                ReplicaAcks.defaultFor(RedisTopology.CLUSTER));
    }

    @AfterEach
    void deleteKeys() {
        TestRedisClients.deleteKeys(TestCluster.outside(), prefix);
        TestRedisClients.deleteKeys(TestCluster.outside(), otherPrefix);
    }

    @Test
    void a_batch_read_of_many_users_and_global_types_spans_every_primary_and_answers_each_key_in_order() {
        List<CacheKey> asked = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            asked.add(CacheKey.forUser(DataType.OVERVIEW, UserId.of("user-" + i)));
            asked.add(CacheKey.widget(UserId.of("user-" + i), WidgetType.of("heatmap")));
        }
        for (Period period : Period.values()) {
            asked.add(CacheKey.forPeriod(DataType.ANALYTICS, period));
        }
        asked.add(CacheKey.global(DataType.SYSTEM_STATUS));
        asked.add(CacheKey.global(DataType.PERFORMANCE_METRICS));
        asked.add(asked.get(3)); // asked twice, answered twice
        assertThat(primariesHolding(asked)).as("primaries the keys live on").hasSize(3);
        for (int i = 0; i < asked.size(); i += 2) {
            tier.writeIfVersion(asked.get(i), entry("{\"i\":" + i + "}", 0), TTL);
        }
        Map<Scope, Long> bumped = tier.bumpVersions(List.of(asked.get(2).scope(), Scope.global(DataType.ANALYTICS)));

        List<SharedRead> reads = tier.readAll(asked);

        assertThat(reads).hasSize(asked.size());
        for (int i = 0; i < asked.size(); i++) {
            CacheKey key = asked.get(i);
            assertThat(reads.get(i)).as("read %d of %s", i, key).isEqualTo(tier.read(key));
            assertThat(reads.get(i).scopeVersion()).as("version of %s", key)
                    .isEqualTo(bumped.getOrDefault(key.scope(), 0L));
        }
        assertThat(reads.get(0).entry().payload()).asString(StandardCharsets.UTF_8).isEqualTo("{\"i\":0}");
        assertThat(reads.get(1).entry()).isNull();
        assertThat(reads.get(2).entry()).as("written before its scope's bump").isNull();
        assertThat(reads.get(asked.size() - 1)).isEqualTo(reads.get(3));
    }

    @Test
    void deleting_a_type_finds_its_values_on_every_primary_and_leaves_other_types_and_prefixes_alone() {
        List<CacheKey> overviews = usersOf(DataType.OVERVIEW, 30);
        List<CacheKey> notifications = usersOf(DataType.NOTIFICATIONS, 30);
        assertThat(primariesHolding(overviews)).hasSize(3);
        overviews.forEach(key -> tier.writeIfVersion(key, entry("{}", 0), TTL));
        notifications.forEach(key -> tier.writeIfVersion(key, entry("{}", 0), TTL));
        SharedCacheTier other = otherPrefixTier();
        overviews.forEach(key -> other.writeIfVersion(key, entry("{}", 0), TTL));

        assertThat(tier.deleteType(DataType.OVERVIEW)).isEqualTo(overviews.size());

        assertThat(keysOnEveryNode(prefix)).noneMatch(name -> name.startsWith(prefix + ":overview:"))
                .filteredOn(name -> name.startsWith(prefix + ":notifications:")).hasSize(notifications.size());
        assertThat(keysOnEveryNode(otherPrefix)).hasSize(overviews.size());
        assertThat(overviews).allSatisfy(key -> assertThat(other.read(key).entry()).isNotNull());
    }

    @Test
    void deleting_everything_finds_the_values_on_every_primary_and_keeps_versions_leases_and_other_prefixes() {
        List<CacheKey> values = new ArrayList<>(usersOf(DataType.OVERVIEW, 20));
        values.addAll(usersOf(DataType.RECENT_ACTIVITY, 20));
        values.add(CacheKey.forPeriod(DataType.AGGREGATED_ANALYTICS, Period.LAST_DAY));
        values.add(CacheKey.global(DataType.SYSTEM_STATUS));
        values.forEach(key -> tier.writeIfVersion(key, entry("{}", 0), TTL));
        tier.bumpVersions(List.of(values.get(0).scope()));
        new RedisLoadLeases(TestCluster.connector().client(), keys, "instance-1").tryAcquire(values.get(1), TTL)
                .orElseThrow();
        SharedCacheTier other = otherPrefixTier();
        other.writeIfVersion(values.get(5), entry("{}", 0), TTL);

        assertThat(tier.deleteEverything()).isEqualTo(values.size());

        assertThat(keysOnEveryNode(prefix)).containsExactlyInAnyOrder(keys.versionKey(values.get(0).scope()),
                keys.leaseKey(values.get(1)));
        assertThat(keysOnEveryNode(otherPrefix)).hasSize(1);
    }

    @Test
    void a_bump_waits_for_a_replica_per_slot_and_each_replica_holds_the_new_version_when_it_returns() {
        RedisSharedTier waiting = new RedisSharedTier(TestCluster.connector().client(), keys,
                RedisSharedTier.DEFAULT_VERSION_TTL, ReplicaAcks.of(1, ONE_HUNDRED_MS));
        List<Scope> scopes = new ArrayList<>(usersOf(DataType.OVERVIEW, 12).stream().map(CacheKey::scope).toList());
        scopes.add(Scope.global(DataType.ANALYTICS));
        scopes.add(Scope.global(DataType.SYSTEM_STATUS));
        assertThat(scopes.stream().map(scope -> TestCluster.cluster().primaryPortForKey(keys.versionKey(scope)))
                .distinct()).as("primaries the versions live on").hasSize(3);

        Map<Scope, Long> bumped = waiting.bumpVersions(scopes);

        assertThat(bumped).hasSize(scopes.size()).allSatisfy((scope, version) -> assertThat(version).isEqualTo(1));
        assertThat(waiting.unreplicatedBumps()).isZero();
        for (Scope scope : scopes) {
            String versionKey = keys.versionKey(scope);
            try (Jedis replica = Loopback.connect(TestCluster.replicaOf(
                    TestCluster.cluster().primaryPortForKey(versionKey)))) {
                replica.readonly(); // a replica answers reads of its primary's slots only after READONLY
                assertThat(replica.get(versionKey)).as("%s on the replica", versionKey).isEqualTo("1");
            }
        }
    }

    @Test
    void while_no_replica_acknowledges_every_bump_counts_as_unreplicated_even_among_concurrent_reads()
            throws Exception {
        RedisSharedTier waiting = new RedisSharedTier(TestCluster.connector().client(), keys,
                RedisSharedTier.DEFAULT_VERSION_TTL, ReplicaAcks.of(1, ONE_HUNDRED_MS));
        int bumpers = 4;
        int bumpsEach = 10;
        AtomicBoolean bumping = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(bumpers * 2);
        try (StalledReplicas stalled = StalledReplicas.of(TestCluster.cluster())) {
            // readers keep taking and returning pooled connections that wrote nothing: a WAIT that went out on
            // one of those instead of on the bump's own connection would answer at once that the replica is in step
            List<Future<?>> readers = IntStream.range(0, bumpers).mapToObj(i -> pool.submit(() -> {
                while (bumping.get()) {
                    waiting.readAll(usersOf(DataType.OVERVIEW, 12));
                }
            })).collect(Collectors.toList());
            List<Future<?>> bumps = IntStream.range(0, bumpers).mapToObj(i -> pool.submit(() -> {
                for (int n = 0; n < bumpsEach; n++) {
                    waiting.bumpVersions(List.of(Scope.ofUser(DataType.OVERVIEW, UserId.of("bumper-" + i))));
                }
            })).collect(Collectors.toList());
            for (Future<?> bump : bumps) {
                bump.get(60, TimeUnit.SECONDS);
            }
            bumping.set(false);
            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }
        } finally {
            bumping.set(false);
            pool.shutdownNow();
        }

        assertThat(waiting.unreplicatedBumps()).isEqualTo((long) bumpers * bumpsEach);
    }

    @Test
    void a_load_that_read_a_version_before_a_bump_is_refused_after_it_on_every_primary() {
        List<CacheKey> loaded = new ArrayList<>(usersOf(DataType.OVERVIEW, 12));
        loaded.add(CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_HOUR));
        loaded.add(CacheKey.global(DataType.SYSTEM_STATUS));
        assertThat(primariesHolding(loaded)).hasSize(3);
        List<Long> versionsAtLoadStart = loaded.stream().map(key -> tier.read(key).scopeVersion()).toList();

        Map<Scope, Long> bumped = tier.bumpVersions(loaded.stream().map(CacheKey::scope).toList());

        for (int i = 0; i < loaded.size(); i++) {
            CacheKey key = loaded.get(i);
            assertThat(tier.writeIfVersion(key, entry("{\"stale\":true}", versionsAtLoadStart.get(i)), TTL))
                    .as("stale write of %s", key).isFalse();
            assertThat(tier.read(key).entry()).isNull();
            CacheEntry fresh = entry("{\"fresh\":true}", bumped.get(key.scope()));
            assertThat(tier.writeIfVersion(key, fresh, TTL)).as("fresh write of %s", key).isTrue();
            assertThat(tier.read(key)).isEqualTo(new SharedRead(fresh, bumped.get(key.scope())));
        }
    }

    @Test
    void every_command_of_a_read_write_bump_lease_and_event_cycle_stays_in_one_slot() {
        UnifiedJedis cluster = TestCluster.connector().client();

        runCycle(cluster, keys);

        assertThat(primariesHolding(usersOf(DataType.OVERVIEW, 30))).hasSize(3);
    }

    @Test
    void the_same_cycle_without_hash_tags_fails_on_a_cluster_so_the_check_above_has_teeth() {
        KeyFormat untagged = KeyFormat.standalone(prefix);

        assertThatThrownBy(() -> runCycle(TestCluster.connector().client(), untagged))
                .isInstanceOf(CacheTierUnavailableException.class)
                .hasMessageContaining("read of overview:user:");
    }

    /** Every adapter of this module that touches keys, once through each operation, on users of every primary. */
    private void runCycle(UnifiedJedis cluster, KeyFormat format) {
        SharedCacheTier shared = new RedisSharedTier(cluster, format, RedisSharedTier.DEFAULT_VERSION_TTL,
                ReplicaAcks.of(1, ONE_HUNDRED_MS));
        LoadLeases leases = new RedisLoadLeases(cluster, format, "instance-1");
        AppliedEvents events = new RedisAppliedEvents(cluster, format);
        List<CacheKey> users = usersOf(DataType.OVERVIEW, 30);
        for (CacheKey key : users.subList(0, 6)) {
            long version = shared.read(key).scopeVersion();
            Lease lease = leases.tryAcquire(key, TTL).orElseThrow();
            assertThat(shared.writeIfVersion(key, entry("{}", version), TTL)).isTrue();
            leases.release(lease);
        }
        assertThat(shared.readAll(users)).hasSize(users.size());
        shared.bumpVersions(users.stream().map(CacheKey::scope).toList());
        events.markApplied("e-1");
        assertThat(events.isApplied("e-1")).isTrue();
        // a named entry: its value and both its counters in the cache name's slot, through the same tier
        NamedKey order = new NamedKey("orders", "order-17");
        long before = shared.read(order).scopeVersion();
        assertThat(shared.writeIfVersion(order, entry("{}", before), TTL)).isTrue();
        assertThat(shared.read(order).entry()).isNotNull();
        shared.bumpVersions(List.of(order.entryScope()));
        assertThat(shared.read(order).entry()).isNull();
        shared.bumpVersions(List.of(new NamedCacheScope("orders")));
        assertThat(shared.read(order).scopeVersion()).isNotEqualTo(before);
        assertThat(shared.deleteType(DataType.OVERVIEW)).isEqualTo(6);
    }

    private SharedCacheTier otherPrefixTier() {
        return new RedisSharedTier(TestCluster.connector().client(), new KeyFormat(otherPrefix, true));
    }

    private static List<CacheKey> usersOf(DataType type, int count) {
        return IntStream.range(0, count).mapToObj(i -> CacheKey.forUser(type, UserId.of("user-" + i))).toList();
    }

    private List<Integer> primariesHolding(List<CacheKey> cacheKeys) {
        return cacheKeys.stream().map(key -> TestCluster.cluster().primaryPortForKey(keys.valueKey(key))).distinct()
                .toList();
    }

    /** Every key under the prefix, by a SCAN of each primary on its own: what a scan of one node would miss. */
    private static List<String> keysOnEveryNode(String prefixToList) {
        List<String> found = new ArrayList<>();
        TestCluster.cluster().primaryPorts().forEach(port -> found.addAll(TestCluster.keysOnNode(port, prefixToList)));
        return found;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
