package io.dashcache.adapters.events;

import static io.dashcache.adapters.events.EngineStream.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.testsupport.RedisTestServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamConsumerInfo;
import redis.clients.jedis.resps.StreamPendingEntry;

/**
 * Consumers that die with entries in hand: a live consumer takes their entries over within seconds
 * (heartbeat, not the 30 s claim-idle), removes them from the group, and leaves a slow but live one alone.
 * A consumer "dies" by losing Redis: its client goes through a {@link CuttableProxy} that is cut, so
 * neither its heartbeat nor its acknowledgement arrives, as with a killed process.
 */
class RedisStreamEventConsumerLivenessTest {

    private static final Duration BLOCK = Duration.ofMillis(100);
    // a bound on waiting for what needs no timeout of its own to happen; generous for loaded CI machines
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** Issue 19: a dead instance's pending events are applied by a live one within this. */
    private static final Duration DEAD_TO_APPLIED = Duration.ofSeconds(10);
    private static final Duration SHORT_HEARTBEAT = Duration.ofMillis(100);
    private static final Duration SHORT_LIVENESS = Duration.ofMillis(400);

    private final ConsumerFixture fixture = new ConsumerFixture(BLOCK);
    private final List<CountDownLatch> holds = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final RedisClient redis = fixture.redis();
    /** The default heartbeat and liveness (1 s, 5 s) and claim-idle (30 s): what production runs. */
    private final EventConsumerSettings settings = fixture.settings();
    private final EngineStream stream = fixture.stream();

    @AfterEach
    void cleanUp() throws Exception {
        holds.forEach(CountDownLatch::countDown);
        fixture.close();
        for (AutoCloseable each : resources) {
            each.close();
        }
    }

    @Test
    void a_consumer_that_reads_and_dies_has_its_events_applied_by_a_live_one_within_10_s_and_leaves_the_group() {
        RecordingApplyEngineEvent doomedPort = RecordingApplyEngineEvent.recording();
        holds.add(doomedPort.holdNextCall());
        CuttableProxy doomedLink = proxy();
        start(client(doomedLink), settings.withConsumer("doomed-1"), doomedPort);
        stream.addTogether(event("e-1"), event("e-2"));
        await().atMost(PATIENCE).until(() -> doomedPort.calls() == 1 && pendingOf("doomed-1") == 2);
        await().atMost(PATIENCE).until(() -> redis.zscore(settings.aliveKey(), "doomed-1") != null);
        RecordingApplyEngineEvent livePort = RecordingApplyEngineEvent.recording();
        RedisStreamEventConsumer live = start(redis, settings, livePort);

        long died = System.nanoTime();
        doomedLink.cut(); // mid-batch: e-1 and e-2 read, neither acknowledged

        await().atMost(DEAD_TO_APPLIED).until(() -> livePort.appliedIds().equals(List.of("e-1", "e-2")));
        Duration deadToApplied = Duration.ofNanos(System.nanoTime() - died);
        System.out.printf("dead consumer's events applied by a live one %d ms after its death%n",
                deadToApplied.toMillis());
        await().atMost(PATIENCE).until(() -> stream.pendingCount() == 0);
        await().atMost(PATIENCE).until(() -> !groupMembers().contains("doomed-1"));
        assertThat(groupMembers()).containsExactly("live-1");
        assertThat(redis.zscore(settings.aliveKey(), "doomed-1")).isNull();
        assertThat(live.stats()).extracting(EventConsumerStats::takenOver, EventConsumerStats::consumersRemoved)
                .containsExactly(2L, 1L);
    }

    @Test
    void entries_read_by_a_consumer_that_never_beats_again_are_taken_over_and_it_is_removed_with_its_heartbeat() {
        EventConsumerSettings fast = settings.withLiveness(SHORT_HEARTBEAT, SHORT_LIVENESS);
        redis.xgroupCreate(settings.stream(), settings.group(), new StreamEntryID(0, 0), true);
        redis.zadd(settings.aliveKey(), 1, "dead-1"); // its last beat, long ago
        StreamEntryID id = stream.add(event("e-orphan"));
        readAs("dead-1");
        assertThat(pendingOf("dead-1")).isEqualTo(1);

        RecordingApplyEngineEvent port = RecordingApplyEngineEvent.recording();
        RedisStreamEventConsumer live = start(redis, fast, port);

        await().atMost(PATIENCE).until(() -> port.appliedIds().equals(List.of("e-orphan")));
        await().atMost(PATIENCE).until(() -> stream.pendingCount() == 0 && !groupMembers().contains("dead-1"));
        assertThat(redis.zscore(settings.aliveKey(), "dead-1")).isNull();
        assertThat(redis.xrange(settings.stream(), id, id)).hasSize(1); // taken over, not deleted
        assertThat(live.stats().takenOver()).isEqualTo(1);
    }

    @Test
    void the_entries_of_a_live_but_slow_consumer_are_not_taken_over() {
        EventConsumerSettings fast = settings.withLiveness(SHORT_HEARTBEAT, SHORT_LIVENESS);
        RecordingApplyEngineEvent slowPort = RecordingApplyEngineEvent.recording();
        CountDownLatch slowBatch = slowPort.holdNextCall();
        holds.add(slowBatch);
        start(redis, fast.withConsumer("slow-1"), slowPort);
        stream.add(event("e-slow"));
        await().atMost(PATIENCE).until(() -> slowPort.calls() == 1);
        RecordingApplyEngineEvent otherPort = RecordingApplyEngineEvent.recording();
        start(redis, fast, otherPort);

        // many liveness timeouts, and the entry idle for all of them: its consumer still beats
        await().during(SHORT_LIVENESS.multipliedBy(4)).atMost(SHORT_LIVENESS.multipliedBy(6))
                .until(() -> otherPort.calls() == 0 && pendingOf("slow-1") == 1);
        assertThat(groupMembers()).contains("slow-1");

        slowBatch.countDown();
        await().atMost(PATIENCE).until(() -> slowPort.appliedIds().equals(List.of("e-slow")));
        await().atMost(PATIENCE).until(() -> stream.pendingCount() == 0);
        assertThat(otherPort.calls()).isZero();
    }

    @Test
    void an_event_applied_by_both_a_consumer_taken_for_dead_and_the_one_that_took_it_over_has_its_effect_once() {
        EventConsumerSettings fast = settings.withLiveness(SHORT_HEARTBEAT, SHORT_LIVENESS);
        RecordingApplyEngineEvent port = RecordingApplyEngineEvent.deduplicating(); // shared: one effect per id
        CountDownLatch frozen = port.holdNextCall();
        holds.add(frozen);
        CuttableProxy link = proxy();
        RedisStreamEventConsumer comeback = start(client(link), fast.withConsumer("comeback-1"), port);
        stream.add(event("e-both"));
        await().atMost(PATIENCE).until(() -> port.calls() == 1 && pendingOf("comeback-1") == 1);
        link.cut();
        RedisStreamEventConsumer live = start(redis, fast, port);
        await().atMost(PATIENCE).until(() -> port.appliedIds().equals(List.of("e-both")) && stream.pendingCount() == 0);

        frozen.countDown(); // it was not dead after all: it applies the event too
        link.restore();

        await().atMost(PATIENCE).until(() -> comeback.stats().duplicates() == 1);
        assertThat(port.calls()).isEqualTo(2);
        assertThat(port.appliedIds()).containsExactly("e-both");
        assertThat(live.stats().applied()).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> stream.pendingCount() == 0);
    }

    @Test
    void a_consumer_that_never_beat_is_removed_once_long_idle_with_nothing_pending_and_kept_while_it_has_entries() {
        EventConsumerSettings fallback = settings.withForgetIdle(Duration.ofMillis(300));
        redis.xgroupCreate(settings.stream(), settings.group(), new StreamEntryID(0, 0), true);
        redis.xgroupCreateConsumer(settings.stream(), settings.group(), "old-idle");
        stream.add(event("e-held"));
        readAs("old-busy"); // an older instance: no heartbeat, one entry pending for less than the claim-idle
        await().atMost(PATIENCE).until(() -> groupInfo("old-idle").getIdle() >= 400 && groupInfo("old-busy").getIdle() >= 400);

        RedisStreamEventConsumer live = start(redis, fallback, RecordingApplyEngineEvent.recording());

        await().atMost(PATIENCE).until(() -> !groupMembers().contains("old-idle"));
        assertThat(groupMembers()).contains("old-busy");
        assertThat(pendingOf("old-busy")).isEqualTo(1);
        assertThat(live.stats().consumersRemoved()).isEqualTo(1);
    }

    @Test
    void a_consumer_that_stops_with_nothing_pending_leaves_the_group_and_its_heartbeat() {
        RedisStreamEventConsumer consumer = start(redis, settings, RecordingApplyEngineEvent.recording());
        await().atMost(PATIENCE).until(() -> groupMembers().contains("live-1")
                && redis.zscore(settings.aliveKey(), "live-1") != null);

        consumer.close();

        assertThat(groupMembers()).isEmpty();
        assertThat(redis.zscore(settings.aliveKey(), "live-1")).isNull();
    }

    private void readAs(String consumer) {
        redis.xreadGroup(settings.group(), consumer, XReadGroupParams.xReadGroupParams().count(10),
                Map.of(settings.stream(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
    }

    private long pendingOf(String consumer) {
        List<StreamPendingEntry> pending = redis.xpending(settings.stream(), settings.group(),
                XPendingParams.xPendingParams().count(100).consumer(consumer));
        return pending.size();
    }

    private List<String> groupMembers() {
        return redis.xinfoConsumers2(settings.stream(), settings.group()).stream()
                .map(StreamConsumerInfo::getName).toList();
    }

    private StreamConsumerInfo groupInfo(String consumer) {
        return redis.xinfoConsumers2(settings.stream(), settings.group()).stream()
                .filter(each -> each.getName().equals(consumer)).findFirst().orElseThrow();
    }

    private CuttableProxy proxy() {
        CuttableProxy proxy = new CuttableProxy(URI.create(RedisTestServer.url()));
        resources.add(proxy);
        return proxy;
    }

    private UnifiedJedis client(CuttableProxy proxy) {
        RedisClient client = RedisClient.create(proxy.url());
        resources.add(0, client); // closed before its proxy, after the consumers
        return client;
    }

    private RedisStreamEventConsumer start(UnifiedJedis client, EventConsumerSettings consumerSettings,
                                           RecordingApplyEngineEvent port) {
        return fixture.start(client, consumerSettings, port);
    }
}
