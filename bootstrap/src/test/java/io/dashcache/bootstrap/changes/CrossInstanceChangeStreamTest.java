package io.dashcache.bootstrap.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.bootstrap.Dashcache;
import io.dashcache.bootstrap.wiring.BackgroundWork;
import io.dashcache.testsupport.EventStreamClient;
import io.dashcache.testsupport.EventStreamClient.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whole instances on one Redis: an event applied on any instance reaches the change streams of
 * every instance, each user hears only what concerns them, and the stream's bounds come from the
 * environment.
 */
class CrossInstanceChangeStreamTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** What a detection makes stale, in the order the stream tells it. */
    private static final List<String> DETECTION_PARTS = List.of("user:overview", "user:recent_activity",
            "user:notifications", "user:widget_data", "global:analytics", "global:aggregated_analytics");

    private final ChangeStreamCluster cluster = new ChangeStreamCluster();

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    private EventStreamClient connected(Dashcache instance, String user, String... moreHeaders) {
        List<String> headers = new ArrayList<>(List.of("X-User-Id", user));
        headers.addAll(List.of(moreHeaders));
        EventStreamClient stream = cluster.openStream(instance, headers.toArray(String[]::new));
        assertThat(stream.status()).as("status; body %s", stream.lines()).isEqualTo(200);
        stream.awaitComment("connected", PATIENCE);
        return stream;
    }

    /** {@code scope:type} of the next {@code count} events, each checked to name {@code eventId}. */
    private static List<String> parts(EventStreamClient stream, int count, String eventId) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Event event = stream.nextEvent(PATIENCE);
            assertThat(event.data()).contains("\"eventId\":\"" + eventId + "\"");
            assertThat(event.id()).as("every event has an id").isNotBlank();
            String data = event.data();
            parts.add(field(data, "scope") + ":" + field(data, "type"));
        }
        return parts;
    }

    private static String field(String json, String name) {
        int start = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }

    private static long applied(Dashcache instance) {
        return instance.part(BackgroundWork.class).consumer().orElseThrow().stats().applied();
    }

    @Test
    void a_client_on_one_instance_hears_a_detection_that_another_instance_took_from_the_event_stream() {
        Dashcache a = cluster.startNotReadingEvents();
        Dashcache b = cluster.startReadingEvents();
        cluster.awaitEveryInstanceSubscribed();
        EventStreamClient onA = connected(a, "42");

        cluster.addDetection("e-cross-1", "42");

        Event first = onA.nextEvent(PATIENCE);
        assertThat(first.data()).isEqualTo("{\"type\":\"overview\",\"scope\":\"user\",\"eventId\":\"e-cross-1\"}");
        assertThat(parts(onA, 5, "e-cross-1")).containsExactlyElementsOf(DETECTION_PARTS.subList(1, 6));
        // B counts the event once its apply has returned, which can be just after A's stream heard it
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(applied(b)).as("instance B applied it").isEqualTo(1));
        assertThat(applied(a)).as("instance A only heard of it").isZero();
    }

    @Test
    void an_event_posted_to_one_instance_reaches_the_streams_of_both_and_other_users_hear_only_the_global_parts() {
        Dashcache a = cluster.startNotReadingEvents();
        Dashcache b = cluster.startNotReadingEvents();
        cluster.awaitEveryInstanceSubscribed();
        EventStreamClient userOnA = connected(a, "42");
        EventStreamClient userOnB = connected(b, "42");
        EventStreamClient otherOnB = connected(b, "7");

        assertThat(cluster.post(a, "/api/events", ChangeStreamCluster.detection("e-hook-1", "42"))).isEqualTo(200);

        assertThat(parts(userOnA, 6, "e-hook-1")).containsExactlyElementsOf(DETECTION_PARTS);
        assertThat(parts(userOnB, 6, "e-hook-1")).containsExactlyElementsOf(DETECTION_PARTS);
        assertThat(parts(otherOnB, 2, "e-hook-1")).containsExactly("global:analytics", "global:aggregated_analytics");
        assertThat(otherOnB.pollEvent(Duration.ofMillis(300))).as("nothing of user 42's own").isNull();
        assertThat(userOnA.pollEvent(Duration.ofMillis(100))).as("heard once, not again from its own broadcast").isNull();
    }

    @Test
    void a_client_reconnecting_to_the_same_instance_hears_what_it_missed_and_to_another_instance_is_told_to_reload() {
        Dashcache a = cluster.startNotReadingEvents();
        Dashcache b = cluster.startNotReadingEvents();
        cluster.awaitEveryInstanceSubscribed();
        EventStreamClient first = connected(a, "42");
        cluster.post(a, "/api/events", ChangeStreamCluster.detection("e-before", "42"));
        parts(first, 5, "e-before");
        String lastSeen = first.nextEvent(PATIENCE).id();
        first.close();
        EventStreamClient stillOnB = connected(b, "42");
        cluster.post(b, "/api/events", ChangeStreamCluster.detection("e-missed", "42"));
        parts(stillOnB, 6, "e-missed");

        EventStreamClient backOnA = connected(a, "42", "Last-Event-ID", lastSeen);
        EventStreamClient movedToB = connected(b, "42", "Last-Event-ID", lastSeen);

        assertThat(parts(backOnA, 6, "e-missed")).containsExactlyElementsOf(DETECTION_PARTS);
        assertThat(movedToB.nextEvent(PATIENCE).data())
                .isEqualTo("{\"type\":\"*\",\"scope\":\"reload\",\"eventId\":null}");
    }

    @Test
    void the_caps_and_the_heartbeat_come_from_the_environment_and_open_streams_are_a_metric() {
        Dashcache a = cluster.startNotReadingEvents("DASHCACHE_SSE_MAX_PER_USER", "1",
                "DASHCACHE_SSE_HEARTBEAT_MS", "100");
        EventStreamClient stream = connected(a, "42");

        EventStreamClient second = cluster.openStream(a, "X-User-Id", "42");

        assertThat(second.status()).isEqualTo(429);
        assertThat(second.awaitEnd(PATIENCE)).contains("\"error\":\"too_many_streams\"");
        stream.awaitComment("ping", PATIENCE);
        stream.awaitComment("ping", PATIENCE);
        assertThat(cluster.get(a, "/metrics")).contains("dashcache_sse_streams 1.0")
                .contains("dashcache_sse_dropped_total 0.0");
    }

    @Test
    void an_instance_without_redis_streams_its_own_changes() {
        Dashcache alone = cluster.startNotReadingEvents("DASHCACHE_REDIS_URL", "none");
        EventStreamClient stream = connected(alone, "42");

        cluster.post(alone, "/api/events", ChangeStreamCluster.detection("e-alone", "42"));

        assertThat(parts(stream, 6, "e-alone")).containsExactlyElementsOf(DETECTION_PARTS);
    }

    @Test
    void closing_an_instance_ends_its_open_streams_promptly() {
        Dashcache a = cluster.startNotReadingEvents();
        EventStreamClient stream = connected(a, "42");

        long closing = System.nanoTime();
        a.close();

        stream.awaitEnd(PATIENCE);
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(5));
    }
}
