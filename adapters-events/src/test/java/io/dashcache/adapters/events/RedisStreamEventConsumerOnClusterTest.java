package io.dashcache.adapters.events;

import static org.assertj.core.api.Assertions.assertThat;
import static io.dashcache.adapters.events.EngineStream.event;
import static org.awaitility.Awaitility.await;

import io.dashcache.domain.KeyFormat;
import io.dashcache.testsupport.RedisTestServer;
import io.dashcache.testsupport.SharedRedisCluster;
import io.dashcache.testsupport.TestRedisClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The consumer on a real Redis Cluster, through a cluster client: the stream and its dead-letter
 * stream live in different slots (most likely on different nodes), and each command names one of them.
 */
class RedisStreamEventConsumerOnClusterTest {

    private static final Duration BLOCK = Duration.ofMillis(100);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static UnifiedJedis redis;

    private final List<RedisStreamEventConsumer> consumers = new ArrayList<>();
    private String prefix;
    private EventConsumerSettings settings;
    private EngineStream stream;

    @BeforeAll
    static void connect() {
        redis = TestRedisClients.open(SharedRedisCluster.url());
    }

    @AfterAll
    static void disconnect() {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void settings() {
        do { // one prefix in 16384 would put both streams in one slot: not the case this class is about
            prefix = RedisTestServer.uniquePrefix();
            settings = EventConsumerSettings.defaults(KeyFormat.standalone(prefix), "live-1").withBlockTimeout(BLOCK);
        } while (JedisClusterCRC16.getSlot(settings.stream()) == JedisClusterCRC16.getSlot(settings.deadStream()));
        stream = new EngineStream(redis, settings);
    }

    @AfterEach
    void cleanUp() {
        consumers.forEach(RedisStreamEventConsumer::close);
        TestRedisClients.deleteKeys(redis, prefix);
    }

    @Test
    void events_added_before_and_after_the_start_are_applied_in_order_and_acknowledged() {
        stream.add(event("e-early"));
        RecordingApplyEngineEvent port = RecordingApplyEngineEvent.recording();
        start(port);

        stream.add(event("e-1"));
        stream.add(event("e-2"));

        await().atMost(PATIENCE).until(() -> port.appliedIds().equals(List.of("e-early", "e-1", "e-2")));
        await().atMost(PATIENCE).until(() -> stream.pendingCount() == 0);
        assertThat(consumers.get(0).stats()).isEqualTo(new EventConsumerStats(3, 0, 0, 0, false, null, 0, 0));
    }

    @Test
    void an_entry_that_cannot_be_read_goes_to_the_dead_stream_in_its_own_slot_and_the_next_event_is_applied() {
        RecordingApplyEngineEvent port = RecordingApplyEngineEvent.recording();
        start(port);

        StreamEntryID unreadable = stream.add("this is not json");
        stream.add(event("e-good"));

        await().atMost(PATIENCE).until(() -> port.appliedIds().equals(List.of("e-good")));
        await().atMost(PATIENCE).until(() -> stream.pendingCount() == 0);
        List<StreamEntry> dead = redis.xrange(settings.deadStream(), "-", "+");
        assertThat(dead).singleElement().satisfies(entry -> {
            assertThat(entry.getFields()).containsEntry("event", "this is not json")
                    .containsEntry("sourceId", unreadable.toString()).containsEntry("consumer", "live-1");
            assertThat(entry.getFields().get("reason")).contains("not valid JSON");
        });
        assertThat(consumers.get(0).stats().deadLettered()).isEqualTo(1);
    }

    @Test
    void an_entry_left_pending_by_a_dead_consumer_is_taken_over_applied_and_acknowledged() {
        redis.xgroupCreate(settings.stream(), settings.group(), new StreamEntryID(0, 0), true);
        StreamEntryID id = stream.add(event("e-orphan"));
        List<Map.Entry<String, List<StreamEntry>>> readByDead = redis.xreadGroup(settings.group(), "dead-1",
                XReadGroupParams.xReadGroupParams().count(10),
                Map.of(settings.stream(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        assertThat(readByDead.get(0).getValue()).extracting(StreamEntry::getID).containsExactly(id);
        assertThat(stream.pendingCount()).isEqualTo(1);

        RecordingApplyEngineEvent port = RecordingApplyEngineEvent.recording();
        RedisStreamEventConsumer consumer = new RedisStreamEventConsumer(redis,
                settings.withClaimIdle(Duration.ofMillis(200)), port);
        consumers.add(consumer);
        consumer.start();

        await().atMost(PATIENCE).until(() -> port.appliedIds().equals(List.of("e-orphan")));
        await().atMost(PATIENCE).until(() -> stream.pendingCount() == 0);
    }

    @Test
    void the_entries_of_a_consumer_whose_heartbeat_stopped_are_taken_over_and_it_leaves_the_group() {
        redis.xgroupCreate(settings.stream(), settings.group(), new StreamEntryID(0, 0), true);
        redis.zadd(settings.aliveKey(), 1, "dead-1"); // the heartbeats' key, in a slot of its own
        stream.add(event("e-orphan"));
        redis.xreadGroup(settings.group(), "dead-1", XReadGroupParams.xReadGroupParams().count(10),
                Map.of(settings.stream(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));

        RecordingApplyEngineEvent port = RecordingApplyEngineEvent.recording();
        RedisStreamEventConsumer consumer = new RedisStreamEventConsumer(redis,
                settings.withLiveness(Duration.ofMillis(100), Duration.ofMillis(300)), port);
        consumers.add(consumer);
        consumer.start();

        await().atMost(PATIENCE).until(() -> port.appliedIds().equals(List.of("e-orphan")));
        await().atMost(PATIENCE).until(() -> redis.xinfoConsumers2(settings.stream(), settings.group()).stream()
                .noneMatch(each -> each.getName().equals("dead-1")));
        assertThat(redis.zscore(settings.aliveKey(), "dead-1")).isNull();
        assertThat(redis.zscore(settings.aliveKey(), "live-1")).isNotNull();
        assertThat(stream.pendingCount()).isZero();
    }

    private void start(RecordingApplyEngineEvent port) {
        RedisStreamEventConsumer consumer = new RedisStreamEventConsumer(redis, settings, port);
        consumers.add(consumer);
        consumer.start();
    }
}
