package io.dashcache.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisSentinelClient;

class LocalRedisSentinelTest {

    private static final Duration FAILOVER = Duration.ofSeconds(30);

    @Test
    void the_sentinels_promote_the_replica_of_a_killed_primary_and_a_sentinel_client_follows_them() {
        try (LocalRedisSentinel sentinel = LocalRedisSentinel.start("dashcache-test");
             RedisSentinelClient client = RedisSentinelClient.builder().masterName(sentinel.masterName())
                     .sentinels(sentinel.sentinels()).build()) {
            assertThat(sentinel.url()).matches("redis-sentinel://127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+,"
                    + "127\\.0\\.0\\.1:\\d+/dashcache-test");
            int before = sentinel.primaryPort();
            assertThat(client.getCurrentMaster().getPort()).isEqualTo(before);
            client.set("before", "kept");
            assertThat(client.waitReplicas("before", 1, 5_000)).as("replicas that acknowledged the write").isEqualTo(1);

            sentinel.killPrimary();
            sentinel.awaitFailover(FAILOVER);

            assertThat(sentinel.primaryPort()).isNotEqualTo(before);
            await().atMost(FAILOVER).ignoreExceptions().untilAsserted(() -> {
                assertThat(client.get("before")).isEqualTo("kept");
                client.set("after", "written");
            });
            assertThat(client.getCurrentMaster().getPort()).isEqualTo(sentinel.primaryPort());
            assertThat(client.get("after")).isEqualTo("written");
        }
    }
}
