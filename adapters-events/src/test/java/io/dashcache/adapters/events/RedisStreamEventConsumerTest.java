package io.dashcache.adapters.events;

import static org.assertj.core.api.Assertions.assertThat;
import static io.dashcache.adapters.events.EngineStream.event;
import static org.awaitility.Awaitility.await;

import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.EventType;
import io.dashcache.domain.UserId;
import io.dashcache.testsupport.RedisTestServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;

class RedisStreamEventConsumerTest {

    private static final Duration BLOCK = Duration.ofMillis(100);
    // a bound on waiting for what needs no timeout of its own to happen; generous for loaded CI machines
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ConsumerFixture fixture = new ConsumerFixture(BLOCK);
    private final List<RedisStreamEventConsumer> consumers = fixture.consumers();
    private final RedisClient redis = fixture.redis();
    private final EventConsumerSettings settings = fixture.settings();
    private final EngineStream stream = fixture.stream();

    @AfterEach
    void cleanUp() {
        fixture.close();
    }

    @Test
    void an_event_added_to_the_stream_is_applied_with_all_its_fields_and_acknowledged() {
        RecordingApplyEngineEvent port = RecordingApplyEngineEvent.recording();
        start(settings, port);

        stream.add("""
                {"eventId": "e-1", "type": "batch.completed", "userId": "42", "userIds": ["42", "u.7@x"],
                 "occurredAt": "2026-11-25T10:00:00Z", "detectionId": "d-9", "batchId": "b-3"}""");

        EngineEvent expected = new EngineEvent("e-1", EventType.BATCH_COMPLETED, UserId.of("42"),
                List.of(UserId.of("42"), UserId.of("u.7@x")), Instant.parse("2026-11-25T10:00:00Z"), "d-9", "b-3");
        await().atMost(PATIENCE).until(() -> port.applied().size() == 1);
        assertThat(port.applied()).containsExactly(expected);
        await().atMost(PATIENCE).until(() -> stream.pendingCount() == 0);
        assertThat(consumers.get(0).stats()).isEqualTo(new EventConsumerStats(1, 0, 0, 0, false, null, 0, 0));
    }

    @Test
    void an_event_is_applied_with_its_stream_entry_time_the_milliseconds_of_its_entry_id() {
        RecordingApplyEngineEvent port = RecordingApplyEngineEvent.recording();
        start(settings, port);

        redis.clients.jedis.StreamEntryID id = stream.add("""
                {"eventId": "e-2", "type": "detection.created", "userId": "42", "occurredAt": "2026-11-25T10:00:00Z"}""");

        await().atMost(PATIENCE).until(() -> port.applied().size() == 1);
        assertThat(port.streamedAt()).containsExactly(Instant.ofEpochMilli(id.getTime()));
        assertThat(RedisStreamEventConsumer.entryTime(new redis.clients.jedis.StreamEntryID("1764842400123-7")))
                .isEqualTo(Instant.parse("2025-12-04T10:00:00.123Z"));
    }

    @Test
    void the_stream_and_group_are_created_when_the_stream_does_not_exist_yet() {
        assertThat(redis.exists(settings.stream())).isFalse();
        RecordingApplyEngineEvent port = RecordingApplyEngineEvent.recording();
        start(settings, port);

        await().atMost(PATIENCE).until(() -> redis.exists(settings.stream()));
        assertThat(redis.xinfoGroups(settings.stream())).extracting(StreamGroupInfo::getName)
                .containsExactly(EventConsumerSettings.DEFAULT_GROUP);
        stream.add(event("e-after-start"));
        await().atMost(PATIENCE).until(() -> port.appliedIds().equals(List.of("e-after-start")));
    }

    @Test
    void events_added_before_any_consumer_started_are_applied() {
        stream.add(event("e-early-1"));
        stream.add(event("e-early-2"));
        RecordingApplyEngineEvent port = RecordingApplyEngineEvent.recording();

        start(settings, port);

        await().atMost(PATIENCE).until(() -> port.appliedIds().equals(List.of("e-early-1", "e-early-2")));
        await().atMost(PATIENCE).until(() -> stream.pendingCount() == 0);
    }

    @Test
    void entries_that_cannot_be_read_go_to_the_dead_stream_with_the_reason_and_the_next_event_is_applied() {
        RecordingApplyEngineEvent port = RecordingApplyEngineEvent.recording();
        start(settings, port);
        String huge = "{\"eventId\": \"e-big\", \"padding\": \"" + "x".repeat(70 * 1024) + "\"}";
        Map<StreamEntryID, String> expectedReasons = new LinkedHashMap<>();
        expectedReasons.put(stream.add("this is not json"), "not valid JSON");
        expectedReasons.put(stream.add("{\"type\": \"detection.created\", \"userId\": \"42\", "
                + "\"occurredAt\": \"2026-11-25T10:00:00Z\"}"), "invalid field 'eventId': eventId is required");
        expectedReasons.put(stream.add("{\"eventId\": \"e-2\", \"type\": \"detection.exploded\", \"userId\": \"42\", "
                + "\"occurredAt\": \"2026-11-25T10:00:00Z\"}"), "invalid field 'type': unknown event type 'detection.exploded'");
        expectedReasons.put(stream.add(huge), "over the limit of 65536 bytes");
        expectedReasons.put(stream.add("[\"an\", \"array\"]"), "must be a JSON object, got an array");
        expectedReasons.put(redis.xadd(settings.stream(), XAddParams.xAddParams(), Map.of("payload", "{}")),
                "no 'event' field (its fields: payload)");
        stream.add(event("e-good"));

        await().atMost(PATIENCE).until(() -> port.appliedIds().equals(List.of("e-good")));
        await().atMost(PATIENCE).until(() -> stream.pendingCount() == 0);
        List<StreamEntry> dead = redis.xrange(settings.deadStream(), "-", "+");
        Map<String, String> reasons = new HashMap<>();
        dead.forEach(entry -> reasons.put(entry.getFields().get("sourceId"), entry.getFields().get("reason")));
        expectedReasons.forEach((id, reason) -> assertThat(reasons.get(id.toString())).as("reason for %s", id)
                .contains(reason));
        assertThat(dead).hasSize(expectedReasons.size()).allSatisfy(entry -> {
            assertThat(entry.getFields().get("consumer")).isEqualTo("live-1");
            assertThat(entry.getFields().get("reason")).doesNotContain("\n");
        });
        assertThat(dead.get(0).getFields().get("event")).isEqualTo("this is not json");
        assertThat(dead.get(3).getFields().get("event")).hasSize(65536).isEqualTo(huge.substring(0, 65536));
        assertThat(consumers.get(0).stats().deadLettered()).isEqualTo(expectedReasons.size());
    }

    @Test
    void an_entry_left_pending_by_a_dead_consumer_is_taken_over_applied_and_acknowledged() {
        redis.xgroupCreate(settings.stream(), settings.group(), new StreamEntryID(0, 0), true);
        StreamEntryID id = stream.add(event("e-orphan"));
        List<Map.Entry<String, List<StreamEntry>>> readByDead = redis.xreadGroup(settings.group(), "dead-1",
                XReadGroupParams.xReadGroupParams().count(10), Map.of(settings.stream(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        assertThat(readByDead.get(0).getValue()).extracting(StreamEntry::getID).containsExactly(id);
        assertThat(stream.pendingCount()).isEqualTo(1);

        RecordingApplyEngineEvent port = RecordingApplyEngineEvent.recording();
        start(settings.withClaimIdle(Duration.ofMillis(200)), port);

        await().atMost(PATIENCE).until(() -> port.appliedIds().equals(List.of("e-orphan")));
        await().atMost(PATIENCE).until(() -> stream.pendingCount() == 0);
    }

    @Test
    void the_same_event_delivered_twice_reaches_the_port_twice() {
        RecordingApplyEngineEvent port = RecordingApplyEngineEvent.recording();

        deliverTwiceAndAwaitAcknowledgement("e-twice", port);

        assertThat(port.appliedIds()).containsExactly("e-twice", "e-twice");
    }

    @Test
    void with_a_deduplicating_port_an_event_delivered_twice_has_its_effect_once() {
        RecordingApplyEngineEvent port = RecordingApplyEngineEvent.deduplicating();

        RedisStreamEventConsumer consumer = deliverTwiceAndAwaitAcknowledgement("e-twice", port);

        assertThat(port.calls()).isEqualTo(2);
        assertThat(port.appliedIds()).containsExactly("e-twice");
        assertThat(consumer.stats()).extracting(EventConsumerStats::applied, EventConsumerStats::duplicates)
                .containsExactly(1L, 1L);
    }

    @Test
    void while_the_port_fails_entries_stay_pending_and_are_applied_in_order_once_it_recovers() {
        RecordingApplyEngineEvent port = RecordingApplyEngineEvent.recording();
        port.failing(true);
        stream.add(event("e-1"));
        stream.add(event("e-2"));

        start(settings, port); // reads both in one batch, fails on e-1 and leaves both pending

        await().atMost(PATIENCE).until(() -> port.refusals() >= 3);
        assertThat(stream.pendingCount()).isEqualTo(2);
        assertThat(port.applied()).isEmpty();
        EventConsumerStats during = consumers.get(0).stats();
        assertThat(during.retrying()).isTrue();
        assertThat(during.failedAttempts()).isGreaterThanOrEqualTo(3);
        assertThat(during.lastError()).isEqualTo("CacheTierUnavailableException: shared tier unavailable (test)");

        port.failing(false);

        await().atMost(PATIENCE).until(() -> port.appliedIds().equals(List.of("e-1", "e-2")));
        await().atMost(PATIENCE).until(() -> stream.pendingCount() == 0);
        await().atMost(PATIENCE).until(() -> !consumers.get(0).stats().retrying());
    }

    @Test
    void while_redis_is_unreachable_the_consumer_keeps_retrying_and_resumes_when_it_is_back() {
        try (CuttableProxy proxy = new CuttableProxy(URI.create(RedisTestServer.url()));
             RedisClient throughProxy = RedisClient.create(proxy.url())) {
            RecordingApplyEngineEvent port = RecordingApplyEngineEvent.recording();
            RedisStreamEventConsumer consumer = start(throughProxy, settings, port);
            stream.add(event("e-before"));
            await().atMost(PATIENCE).until(() -> port.appliedIds().equals(List.of("e-before")));

            proxy.cut();
            stream.add(event("e-during"));
            await().atMost(PATIENCE).until(() -> consumer.stats().failedAttempts() >= 2);
            assertThat(consumer.stats().retrying()).isTrue();
            assertThat(consumer.running()).isTrue();

            proxy.restore();
            await().atMost(PATIENCE).until(() -> port.appliedIds().equals(List.of("e-before", "e-during")));
            await().atMost(PATIENCE).until(() -> stream.pendingCount() == 0);
            await().atMost(PATIENCE).until(() -> !consumer.stats().retrying());
            consumer.close(); // before its client closes
        }
    }

    @Test
    void a_group_destroyed_while_the_consumer_runs_is_created_again_and_reading_goes_on() {
        RecordingApplyEngineEvent port = RecordingApplyEngineEvent.recording();
        RedisStreamEventConsumer consumer = start(settings, port);
        stream.add(event("e-1"));
        await().atMost(PATIENCE).until(() -> port.appliedIds().equals(List.of("e-1")));

        redis.xgroupDestroy(settings.stream(), settings.group());
        stream.add(event("e-2"));

        // the new group starts at 0 again, so e-1 comes once more: a cache miss, not a loss
        await().atMost(PATIENCE).until(() -> port.appliedIds().contains("e-2"));
        assertThat(port.appliedIds()).containsSubsequence("e-1", "e-2");
        await().atMost(PATIENCE).until(() -> stream.pendingCount() == 0);
        assertThat(consumer.running()).isTrue();
    }

    @Test
    void two_consumers_in_one_group_share_the_entries_without_overlap() {
        RecordingApplyEngineEvent first = RecordingApplyEngineEvent.recording();
        RecordingApplyEngineEvent second = RecordingApplyEngineEvent.recording();
        start(settings.withBatchSize(2), first);
        start(settings.withBatchSize(2).withConsumer("live-2"), second);
        List<String> ids = IntStream.range(0, 40).mapToObj(i -> "e-" + i).toList();

        ids.forEach(id -> stream.add(event(id)));

        await().atMost(PATIENCE).until(() -> first.appliedIds().size() + second.appliedIds().size() >= ids.size());
        List<String> all = new ArrayList<>(first.appliedIds());
        all.addAll(second.appliedIds());
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(first.appliedIds()).doesNotContainAnyElementsOf(second.appliedIds());
        await().atMost(PATIENCE).until(() -> stream.pendingCount() == 0);
    }

    @Test
    void close_stops_the_consumer_thread_within_about_the_block_timeout() {
        RedisStreamEventConsumer consumer = start(settings, RecordingApplyEngineEvent.recording());
        await().atMost(PATIENCE).until(() -> redis.exists(settings.stream()));

        long started = System.nanoTime();
        consumer.close();

        // the close grace for a batch in hand is 2 s beyond the block timeout: this waited for neither
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BLOCK.plusMillis(900));
        assertThat(consumer.running()).isFalse();
    }

    @Test
    void close_stops_a_consumer_that_is_backing_off_at_once() {
        RecordingApplyEngineEvent port = RecordingApplyEngineEvent.recording();
        port.failing(true);
        RedisStreamEventConsumer consumer = start(settings, port);
        stream.add(event("e-refused"));
        await().atMost(PATIENCE).until(() -> port.refusals() >= 5); // the back-off is now 1.6 s or more

        long started = System.nanoTime();
        consumer.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1000));
        assertThat(consumer.running()).isFalse();
        assertThat(stream.pendingCount()).isEqualTo(1);
    }

    private RedisStreamEventConsumer deliverTwiceAndAwaitAcknowledgement(String eventId, RecordingApplyEngineEvent port) {
        RedisStreamEventConsumer consumer = start(settings, port);
        stream.add(event(eventId));
        stream.add(event(eventId));
        await().atMost(PATIENCE).until(() -> port.calls() == 2 && stream.pendingCount() == 0);
        return consumer;
    }

    private RedisStreamEventConsumer start(EventConsumerSettings consumerSettings, RecordingApplyEngineEvent port) {
        return fixture.start(consumerSettings, port);
    }

    private RedisStreamEventConsumer start(UnifiedJedis client, EventConsumerSettings consumerSettings,
                                           RecordingApplyEngineEvent port) {
        return fixture.start(client, consumerSettings, port);
    }
}
