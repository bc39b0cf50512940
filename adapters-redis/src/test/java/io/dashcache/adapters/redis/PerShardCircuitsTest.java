package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.application.port.out.reading.SharedCacheTier.SharedRead;
import io.dashcache.application.testing.InMemorySharedTier;
import io.dashcache.application.testing.MutableClock;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The circuits of a Redis Cluster, one per primary, on a fake clock and a fake slot map: user 1's keys
 * live on primary {@code a:1}, user 2's on {@code b:1}. A dead shard opens its own circuit only.
 */
class PerShardCircuitsTest {

    private static final KeyFormat KEYS = new KeyFormat("t", true);
    private static final CacheKey ONE = CacheKey.forUser(DataType.OVERVIEW, UserId.of("1"));
    private static final CacheKey TWO = CacheKey.forUser(DataType.OVERVIEW, UserId.of("2"));
    private static final Duration OPEN_FOR = Duration.ofSeconds(5);

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    private final FakeCluster cluster = new FakeCluster();
    private final ShardedTier redis = new ShardedTier(cluster);
    private final AtomicInteger recoveries = new AtomicInteger();
    private final List<String> watched = new CopyOnWriteArrayList<>();
    private final CircuitBreakingSharedTier tier = new CircuitBreakingSharedTier(redis, KEYS, cluster,
            new RedisBreakerSettings(50, 10, 4, OPEN_FOR, 2), "redis-cluster://a:1,b:1", clock);

    {
        tier.onRecovery(recoveries::incrementAndGet);
        tier.watchShards(new CircuitBreakingSharedTier.ShardWatcher() {
            @Override
            public void added(String shard, Supplier<String> state) {
                watched.add("+" + shard);
            }

            @Override
            public void retired(String shard) {
                watched.add("-" + shard);
            }
        });
    }

    private void killShardOfUserOne() {
        cluster.dead.add("a:1");
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> tier.read(ONE)).isInstanceOf(CacheTierUnavailableException.class);
        }
        assertThat(tier.states()).containsEntry("a:1", "OPEN");
    }

    @Test
    void each_primary_known_at_start_has_a_circuit_and_a_metric_from_the_start() {
        assertThat(tier.states()).containsOnlyKeys("a:1", "b:1").containsValues("CLOSED");
        assertThat(watched).containsExactlyInAnyOrder("+a:1", "+b:1");
    }

    @Test
    void a_dead_shard_opens_its_own_circuit_and_the_keys_of_the_others_keep_reaching_redis() {
        killShardOfUserOne();
        int callsBefore = redis.calls.get();

        for (int i = 0; i < 50; i++) {
            assertThat(tier.read(TWO).available()).isTrue();
        }
        assertThatThrownBy(() -> tier.read(ONE)).hasMessageContaining("circuit OPEN for shard a:1");

        assertThat(redis.calls.get()).as("every read of user 2 went to Redis, none of user 1").isEqualTo(callsBefore + 50);
        assertThat(tier.states()).containsEntry("a:1", "OPEN").containsEntry("b:1", "CLOSED");
        assertThat(tier.state()).isEqualTo("OPEN");
        assertThat(tier.isClosed()).isFalse();
    }

    @Test
    void a_batch_read_over_two_shards_answers_l2_for_the_healthy_one_and_unavailable_for_the_dead_one() {
        CacheEntry value = CacheEntry.loaded("{}".getBytes(), clock.instant(), Duration.ofMinutes(1), Duration.ZERO, 0);
        tier.writeIfVersion(TWO, value, Duration.ofMinutes(1));
        killShardOfUserOne();

        List<SharedRead> reads = tier.readAll(List.of(ONE, TWO));

        assertThat(reads.get(0).available()).isFalse();
        assertThat(reads.get(1).holdsValue()).isTrue();
        assertThat(redis.batchesPerShard).as("one call per shard, the open one skipped").containsOnly("b:1");
    }

    @Test
    void a_batch_read_whose_every_shard_fails_fails_as_a_whole() {
        cluster.dead.addAll(List.of("a:1", "b:1"));

        assertThatThrownBy(() -> tier.readAll(List.of(ONE, TWO))).isInstanceOf(CacheTierUnavailableException.class);
    }

    @Test
    void version_bumps_over_two_shards_bump_the_healthy_one_and_say_that_the_other_failed() {
        killShardOfUserOne();

        assertThatThrownBy(() -> tier.bumpVersions(Set.of(ONE.scope(), TWO.scope())))
                .isInstanceOf(CacheTierUnavailableException.class);

        assertThat(redis.inner.version(TWO.scope())).isEqualTo(1);
        assertThat(redis.inner.version(ONE.scope())).isZero();
        assertThat(tier.reachable(Set.of(TWO.scope()))).isTrue();
        assertThat(tier.reachable(Set.of(ONE.scope(), TWO.scope()))).isFalse();
    }

    @Test
    void when_a_replica_takes_over_the_dead_primarys_slots_its_circuit_is_retired_at_once_and_recovery_runs() {
        killShardOfUserOne();
        cluster.promote("a:1", "a:2"); // the clock does not move: no open time is waited out

        tier.probeIfOpen();

        assertThat(cluster.refreshes.get()).as("asked the cluster for its slots again").isPositive();
        assertThat(recoveries.get()).isEqualTo(1);
        assertThat(tier.read(ONE).available()).isTrue();
        assertThat(tier.states()).containsOnlyKeys("a:2", "b:1").containsValues("CLOSED");
        assertThat(tier.isClosed()).isTrue();
        assertThat(watched).containsSubsequence("-a:1", "+a:2");
    }

    @Test
    void a_dead_primary_that_answers_ping_again_is_probed_at_once_and_only_its_circuit_recovers() {
        killShardOfUserOne();
        tier.probeIfOpen();
        assertThat(tier.states()).containsEntry("a:1", "OPEN");

        cluster.dead.remove("a:1");
        tier.probeIfOpen();

        assertThat(tier.isClosed()).isTrue();
        assertThat(recoveries.get()).isEqualTo(1);
    }

    @Test
    void after_the_open_time_a_shards_own_requests_are_its_probes() {
        killShardOfUserOne();
        cluster.dead.remove("a:1");
        clock.advance(OPEN_FOR.plusMillis(1));

        tier.read(ONE);
        tier.read(ONE);

        assertThat(tier.isClosed()).isTrue();
        assertThat(recoveries.get()).isEqualTo(1);
    }

    @Test
    void health_is_degraded_naming_the_open_shard_while_the_others_serve() {
        killShardOfUserOne();
        RedisTierHealthCheck health = new RedisTierHealthCheck(() -> DependencyHealth.degraded("redis",
                "the cluster reports cluster_state:fail"), tier);

        DependencyHealth state = health.check();

        assertThat(state.state()).isEqualTo(DependencyHealth.State.DEGRADED);
        assertThat(state.detail()).contains("circuit OPEN for shard a:1 (1 of 2; the others' keys use L2)");
    }

    @Test
    void a_command_of_another_adapter_goes_through_its_keys_circuit() {
        killShardOfUserOne();
        AtomicInteger ran = new AtomicInteger();

        assertThatThrownBy(() -> tier.guard("t:event:x{1}", ran::incrementAndGet))
                .isInstanceOf(CacheTierUnavailableException.class);
        assertThat(tier.guard("t:event:x{2}", ran::incrementAndGet)).isEqualTo(1);
    }

    /** A slot map by hash tag: {1} on a:1, anything else on b:1; a promotion moves a primary's keys. */
    private static final class FakeCluster implements RedisShards {

        final Set<String> dead = ConcurrentHashMap.newKeySet();
        final AtomicInteger refreshes = new AtomicInteger();
        volatile String ownerOfOne = "a:1";
        volatile String promotedOwner;

        void promote(String from, String to) {
            assertThat(ownerOfOne).isEqualTo(from);
            promotedOwner = to;
        }

        @Override
        public boolean sharded() {
            return true;
        }

        @Override
        public String shardOf(String redisKey) {
            return redisKey.contains("{1}") ? ownerOfOne : "b:1";
        }

        @Override
        public Set<String> shards() {
            return new LinkedHashSet<>(List.of(ownerOfOne, "b:1"));
        }

        @Override
        public boolean ping(String shard) {
            return !dead.contains(shard);
        }

        @Override
        public void refresh() {
            refreshes.incrementAndGet();
            if (promotedOwner != null) {
                ownerOfOne = promotedOwner;
            }
        }
    }

    /** The in-memory tier, failing for the keys of a dead shard, counting calls. */
    private static final class ShardedTier implements SharedCacheTier {

        final InMemorySharedTier inner = new InMemorySharedTier();
        final AtomicInteger calls = new AtomicInteger();
        final List<String> batchesPerShard = new CopyOnWriteArrayList<>();
        private final FakeCluster cluster;

        ShardedTier(FakeCluster cluster) {
            this.cluster = cluster;
        }

        private void reach(String redisKey) {
            calls.incrementAndGet();
            if (cluster.dead.contains(cluster.shardOf(redisKey))) {
                throw new CacheTierUnavailableException("connection refused", null);
            }
        }

        @Override
        public SharedRead read(EntryKey key) {
            reach(KEYS.valueKey(key));
            return inner.read(key);
        }

        @Override
        public List<SharedRead> readAll(List<? extends EntryKey> keys) {
            List<SharedRead> reads = new ArrayList<>();
            for (EntryKey key : keys) {
                reads.add(read(key));
            }
            batchesPerShard.add(cluster.shardOf(KEYS.valueKey(keys.get(0))));
            return reads;
        }

        @Override
        public boolean writeIfVersion(EntryKey key, CacheEntry entry, Duration ttl) {
            reach(KEYS.valueKey(key));
            return inner.writeIfVersion(key, entry, ttl);
        }

        @Override
        public Map<Scope, Long> bumpVersions(Collection<? extends Scope> scopes) {
            scopes.forEach(scope -> reach(KEYS.versionKey(scope)));
            return inner.bumpVersions(scopes);
        }

        @Override
        public long deleteType(DataType type) {
            return inner.deleteType(type);
        }

        @Override
        public long deleteEverything() {
            return inner.deleteEverything();
        }
    }
}
