package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.domain.DataType;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import io.dashcache.testsupport.LocalRedisCluster;
import io.dashcache.testsupport.RedisTestServer;
import io.dashcache.testsupport.SharedRedisCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * L1 invalidations over pub/sub on a real Redis Cluster: a PUBLISH reaches every node, so subscribers
 * on different nodes hear each other, and a subscriber whose node dies moves to another one.
 */
class RedisInvalidationBroadcastOnClusterTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final Duration FAILOVER = Duration.ofSeconds(30);
    private static final InvalidationMessage ALICE_CHANGED = InvalidationMessage.ofScopes("web-1",
            Set.of(Scope.ofUser(DataType.OVERVIEW, UserId.of("alice")), Scope.global(DataType.ANALYTICS)));
    private static final InvalidationMessage EVERYTHING = InvalidationMessage.ofEverything("web-2");

    private final KeyFormat keys = new KeyFormat(RedisTestServer.uniquePrefix(), true);
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void two_instances_subscribe_on_the_primary_that_owns_the_channels_slot_and_hear_each_others_messages() {
        RedisConnector first = open(new RedisConnector(RedisSettings.of(SharedRedisCluster.url())));
        RedisConnector second = open(new RedisConnector(RedisSettings.of(SharedRedisCluster.url())));
        List<Integer> nodes = TestCluster.cluster().ports();
        int owner = TestCluster.cluster().primaryPortForKey(keys.name("invalidations"));
        RecordingInvalidations firstHeard = new RecordingInvalidations();
        RedisInvalidationBroadcast firstBroadcast = subscribed(first, "web-1", firstHeard);
        RecordingInvalidations secondHeard = new RecordingInvalidations();
        RedisInvalidationBroadcast secondBroadcast = subscribed(second, "web-2", secondHeard);

        firstBroadcast.publish(ALICE_CHANGED);
        secondBroadcast.publish(EVERYTHING);

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(firstHeard.messages).containsExactly(ALICE_CHANGED, EVERYTHING);
            assertThat(secondHeard.messages).containsExactly(ALICE_CHANGED, EVERYTHING);
        });
        assertThat(nodeOf(nodes, firstBroadcast)).as("the first subscriber's node").isEqualTo(owner);
        assertThat(nodeOf(nodes, secondBroadcast)).as("the second subscriber's node").isEqualTo(owner);
        try (Jedis node = Loopback.connect(owner)) {
            assertThat(node.pubsubNumSub(keys.name("invalidations"))).as("subscribers on node %d", owner)
                    .containsEntry(keys.name("invalidations"), 2L);
        }
    }

    @Test
    void a_broadcast_also_reaches_a_subscriber_on_any_other_node_as_after_a_failover_it_may_sit_there() {
        RedisConnector connector = open(new RedisConnector(RedisSettings.of(SharedRedisCluster.url())));
        RedisInvalidationBroadcast broadcast = subscribed(connector, "web-1", new RecordingInvalidations());
        int owner = TestCluster.cluster().primaryPortForKey(keys.name("invalidations"));
        List<Integer> others = TestCluster.cluster().ports().stream().filter(port -> port != owner).toList();
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Jedis> listeners = new ArrayList<>();
        List<JedisPubSub> subscriptions = new ArrayList<>();
        try {
            for (int port : others) {
                Jedis jedis = Loopback.connect(port);
                JedisPubSub pubSub = new JedisPubSub() {
                    @Override
                    public void onMessage(String channel, String message) {
                        heard.add(port + "");
                    }
                };
                listeners.add(jedis);
                subscriptions.add(pubSub);
                Thread thread = new Thread(() -> jedis.subscribe(pubSub, keys.name("invalidations")), "listener-" + port);
                thread.setDaemon(true);
                thread.start();
            }
            await().atMost(WITHIN).until(() -> subscriptions.stream().allMatch(JedisPubSub::isSubscribed));

            broadcast.publish(ALICE_CHANGED);

            await().atMost(WITHIN).untilAsserted(() -> assertThat(heard).as("nodes whose subscriber heard it")
                    .containsExactlyInAnyOrderElementsOf(others.stream().map(String::valueOf).toList()));
        } finally {
            subscriptions.forEach(JedisPubSub::unsubscribe);
            listeners.forEach(Jedis::close);
        }
    }

    @Test
    void ping_and_the_health_check_say_up_on_a_healthy_cluster() {
        RedisConnector connector = TestCluster.connector();

        assertThat(connector.topology()).isEqualTo(RedisTopology.CLUSTER);
        assertThat(connector.ping()).isTrue();
        assertThat(connector.pingProblem()).isNull();
        assertThat(new RedisHealthCheck(connector).check().state()).isEqualTo(DependencyHealth.State.UP);
    }

    @Test
    void a_cluster_connector_where_no_node_listens_starts_and_says_down() {
        RedisConnector dead = open(new RedisConnector(RedisSettings.of(
                "redis-cluster://127.0.0.1:" + TestRedis.freePort() + ",127.0.0.1:" + TestRedis.freePort())));

        assertThat(dead.ping()).isFalse();
        assertThat(new RedisHealthCheck(dead).check().state()).isEqualTo(DependencyHealth.State.DEGRADED);
    }

    @Test
    void when_the_node_a_subscriber_sits_on_is_killed_it_moves_to_another_node_says_so_and_hears_later_messages() {
        try (LocalRedisCluster cluster = LocalRedisCluster.start(3, 1)) {
            RedisConnector subscriberSide = open(new RedisConnector(RedisSettings.of(cluster.url())));
            RedisConnector publisherSide = open(new RedisConnector(RedisSettings.of(cluster.url())));
            RecordingInvalidations heard = new RecordingInvalidations();
            RedisInvalidationBroadcast broadcast = subscribed(subscriberSide, "web-1", heard);
            int killed = nodeOf(cluster.ports(), broadcast);
            boolean wasPrimary = cluster.primaryPorts().contains(killed);

            cluster.kill(killed);

            await().atMost(FAILOVER).untilAsserted(() -> assertThat(heard.restored.get()).isPositive());
            await().atMost(FAILOVER).until(broadcast::isSubscribed);
            assertThat(nodeOf(cluster.ports(), broadcast)).as("the node it moved to (it left the %s on %d)",
                    wasPrimary ? "primary" : "replica", killed).isNotEqualTo(killed);
            cluster.awaitFailover(FAILOVER);
            // the publisher's client may still route the channel's slot to the dead node for a moment: publish
            // (best effort, as in production) until one arrives
            RedisInvalidationBroadcast publisher = new RedisInvalidationBroadcast(publisherSide, keys, "web-2");
            await().atMost(FAILOVER).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                publisher.publish(ALICE_CHANGED);
                assertThat(heard.messages).contains(ALICE_CHANGED);
            });
            await().atMost(FAILOVER).until(subscriberSide::ping);
        }
    }

    private RedisInvalidationBroadcast subscribed(RedisConnector connector, String origin, RecordingInvalidations listener) {
        RedisInvalidationBroadcast broadcast = open(new RedisInvalidationBroadcast(connector, keys, origin,
                Duration.ofMillis(500)));
        broadcast.start(listener);
        await().atMost(WITHIN).until(broadcast::isSubscribed);
        return broadcast;
    }

    /** The node whose CLIENT LIST shows the broadcast's subscriber connection. */
    private static int nodeOf(List<Integer> nodes, RedisInvalidationBroadcast broadcast) {
        return await().atMost(WITHIN).until(() -> Loopback.serverWithClient(nodes, broadcast.subscriberClientName()),
                found -> found.isPresent()).orElseThrow();
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }
}
