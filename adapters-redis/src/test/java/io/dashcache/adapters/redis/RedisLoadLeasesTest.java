package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.port.out.reading.LoadLeases.Lease;
import io.dashcache.application.port.out.reading.LoadLeases;
import io.dashcache.application.port.out.reading.LoadLeasesContract;
import io.dashcache.domain.KeyFormat;
import io.dashcache.testsupport.RedisTestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

class RedisLoadLeasesTest extends LoadLeasesContract {

    private final String prefix = RedisTestServer.uniquePrefix();
    private final KeyFormat keys = KeyFormat.standalone(prefix);

    @Override
    protected LoadLeases newLeases() {
        return new RedisLoadLeases(TestRedis.connector().client(), keys, "instance-1");
    }

    @AfterEach
    void deleteKeys() {
        RedisTestServer.deleteKeys(prefix);
    }

    @Test
    void a_lease_is_its_token_under_the_lease_key_with_the_ttl_given() {
        Lease lease = leases.tryAcquire(ALICE_OVERVIEW, Duration.ofMillis(2500)).orElseThrow();

        try (Jedis redis = TestRedis.admin()) {
            assertThat(redis.get(keys.leaseKey(ALICE_OVERVIEW))).isEqualTo(lease.token());
            assertThat(redis.pttl(keys.leaseKey(ALICE_OVERVIEW))).isBetween(1L, 2500L);
        }
        assertThat(lease.token()).startsWith("instance-1:").hasSize("instance-1:".length() + 24);
    }

    @Test
    void two_instances_never_hold_one_lease_at_once() {
        LoadLeases other = new RedisLoadLeases(TestRedis.connector().client(), keys, "instance-2");
        leases.tryAcquire(ALICE_OVERVIEW, LONG).orElseThrow();

        assertThat(other.tryAcquire(ALICE_OVERVIEW, LONG)).isEmpty();
    }

    @Test
    void releasing_deletes_the_lease_key() {
        Lease lease = leases.tryAcquire(ALICE_OVERVIEW, LONG).orElseThrow();

        leases.release(lease);

        try (Jedis redis = TestRedis.admin()) {
            assertThat(redis.exists(keys.leaseKey(ALICE_OVERVIEW))).isFalse();
        }
    }

    @Test
    void a_release_with_a_token_that_is_not_the_holders_deletes_nothing() {
        leases.tryAcquire(ALICE_OVERVIEW, LONG).orElseThrow();

        leases.release(new Lease(ALICE_OVERVIEW, "instance-9:not-the-token"));

        try (Jedis redis = TestRedis.admin()) {
            assertThat(redis.exists(keys.leaseKey(ALICE_OVERVIEW))).isTrue();
        }
    }

    @Test
    void with_cluster_hash_tags_a_lease_lives_in_its_values_hash_slot() {
        KeyFormat tagged = new KeyFormat(prefix, true);

        assertThat(JedisClusterCRC16.getSlot(tagged.leaseKey(ALICE_OVERVIEW)))
                .isEqualTo(JedisClusterCRC16.getSlot(tagged.valueKey(ALICE_OVERVIEW)));
        assertThat(JedisClusterCRC16.getSlot(tagged.leaseKey(WEEKLY)))
                .isEqualTo(JedisClusterCRC16.getSlot(tagged.valueKey(WEEKLY)));
        LoadLeases taggedLeases = new RedisLoadLeases(TestRedis.connector().client(), tagged, "instance-1");
        Lease lease = taggedLeases.tryAcquire(WEEKLY, LONG).orElseThrow();
        taggedLeases.release(lease);
        assertThat(taggedLeases.tryAcquire(WEEKLY, LONG)).isPresent();
    }

    @Test
    void an_unreachable_redis_fails_with_the_operation_named() {
        try (RedisConnector dead = new RedisConnector(RedisSettings.of("redis://127.0.0.1:" + TestRedis.freePort()))) {
            LoadLeases unreachable = new RedisLoadLeases(dead.client(), keys, "instance-1");

            assertThatThrownBy(() -> unreachable.tryAcquire(ALICE_OVERVIEW, LONG))
                    .isInstanceOf(CacheTierUnavailableException.class)
                    .hasMessageContaining("lease of overview:user:alice");
            assertThatThrownBy(() -> unreachable.release(new Lease(ALICE_OVERVIEW, "t")))
                    .isInstanceOf(CacheTierUnavailableException.class)
                    .hasMessageContaining("lease release of overview:user:alice");
        }
    }

    @Test
    void deleting_every_cached_value_leaves_leases_alone() {
        leases.tryAcquire(ALICE_OVERVIEW, LONG).orElseThrow();

        new RedisSharedTier(TestRedis.connector().client(), keys).deleteEverything();

        assertThat(leases.tryAcquire(ALICE_OVERVIEW, LONG)).isEmpty();
    }
}
