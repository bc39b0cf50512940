package io.dashcache.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;

/** One cluster for the class: starting one takes seconds. Every test leaves it with 3 primaries and 3 replicas. */
class LocalRedisClusterTest {

    private static final Duration FAILOVER = Duration.ofSeconds(30);

    private static LocalRedisCluster cluster;
    private static RedisClusterClient client;

    @BeforeAll
    static void start_cluster() {
        cluster = LocalRedisCluster.start(3, 1);
        client = RedisClusterClient.builder().nodes(cluster.nodes()).build();
    }

    @AfterAll
    static void close_cluster() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void three_primaries_with_a_replica_each_make_six_nodes_that_cover_every_slot() {
        List<Integer> ports = cluster.ports();
        assertThat(ports).hasSize(6).doesNotHaveDuplicates();
        assertThat(cluster.primaryPorts()).hasSize(3);
        assertThat(cluster.replicaPorts()).hasSize(3);
        Set<Integer> roles = new HashSet<>(cluster.primaryPorts());
        roles.addAll(cluster.replicaPorts());
        assertThat(roles).containsExactlyInAnyOrderElementsOf(ports);
        assertThat(cluster.url()).isEqualTo("redis-cluster://127.0.0.1:" + ports.get(0) + ",127.0.0.1:" + ports.get(1)
                + ",127.0.0.1:" + ports.get(2) + ",127.0.0.1:" + ports.get(3) + ",127.0.0.1:" + ports.get(4)
                + ",127.0.0.1:" + ports.get(5));
        assertThat(cluster.nodes()).hasSize(6);
        for (int port : ports) {
            try (Jedis jedis = Admin.connect(port)) {
                assertThat(jedis.clusterInfo()).contains("cluster_state:ok", "cluster_slots_ok:16384",
                        "cluster_known_nodes:6");
            }
        }
    }

    @Test
    void keys_set_through_a_cluster_client_are_readable_and_live_on_the_primary_that_owns_their_slot() {
        List<String> keys = IntStream.range(0, 60).mapToObj(i -> "spread:" + i).toList();
        keys.forEach(key -> client.set(key, "value of " + key));

        assertThat(keys).allSatisfy(key -> assertThat(client.get(key)).isEqualTo("value of " + key));
        assertThat(keys.stream().map(cluster::primaryPortForKey).distinct())
                .containsExactlyInAnyOrderElementsOf(cluster.primaryPorts());
        for (String key : keys.subList(0, 5)) {
            try (Jedis primary = Admin.connect(cluster.primaryPortForKey(key))) {
                assertThat(primary.get(key)).isEqualTo("value of " + key);
            }
        }
    }

    @Test
    void flush_all_empties_every_primary() {
        IntStream.range(0, 20).forEach(i -> client.set("flushed:" + i, "v"));

        cluster.flushAll();

        for (int port : cluster.primaryPorts()) {
            try (Jedis primary = Admin.connect(port)) {
                assertThat(primary.dbSize()).as("keys on primary %d", port).isZero();
            }
        }
    }

    @Test
    void a_killed_primary_is_replaced_by_its_replica_that_kept_the_acknowledged_write_and_rejoins_as_a_replica() {
        String key = "failover:{acknowledged}";
        int killed = cluster.primaryPortForKey(key);
        List<Integer> replicasBefore = cluster.replicaPorts();
        try (Jedis primary = Admin.connect(killed)) {
            primary.set(key, "kept");
            assertThat(primary.waitReplicas(1, 5_000)).as("replicas that acknowledged the write").isEqualTo(1);
        }

        cluster.killPrimaryOf(key);
        cluster.awaitFailover(FAILOVER);

        int promoted = cluster.primaryPortForKey(key);
        assertThat(promoted).isNotEqualTo(killed).isIn(replicasBefore);
        assertThat(cluster.primaryPorts()).hasSize(3).doesNotContain(killed);
        await().atMost(FAILOVER).ignoreExceptions().untilAsserted(() -> assertThat(client.get(key)).isEqualTo("kept"));

        cluster.restart(killed);

        assertThat(cluster.replicaPorts()).hasSize(3).contains(killed);
        assertThat(cluster.primaryPortForKey(key)).isEqualTo(promoted);
        try (Jedis rejoined = Admin.connect(killed)) {
            rejoined.readonly(); // a replica answers reads of its primary's slots only after READONLY
            assertThat(rejoined.get(key)).as("the key, synced back to the rejoined node").isEqualTo("kept");
        }
    }
}
