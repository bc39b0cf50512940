package io.dashcache.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.bootstrap.Dashcache;
import io.dashcache.testsupport.PrometheusExposition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The invalidation lag as operators see it: events flow, through the stream and the webhook, and
 * {@code dashcache_invalidation_lag_seconds} moves in {@code /metrics} on both instances, each
 * stage where it is measured; a late event raises the lag alert in {@code /api/cache/metrics}.
 */
class InvalidationLagEndToEndTest extends EndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final List<String> STAGES = List.of("occurred_to_bumped", "stream_to_bumped", "occurred_to_heard",
            "stream_to_heard");

    private static double count(Dashcache instance, String stage) {
        Reply reply = Api.get(instance, "/metrics", null);
        assertThat(reply.status()).isEqualTo(200);
        return PrometheusExposition.parse(reply.text())
                .value("dashcache_invalidation_lag_seconds_count", Map.of("stage", stage));
    }

    private static double both(Dashcache a, Dashcache b, String stage) {
        return count(a, stage) + count(b, stage);
    }

    @Test
    void events_on_the_stream_and_the_webhook_move_the_lag_histograms_on_both_instances() {
        Dashcache a = instances.start("instance-a");
        Dashcache b = instances.start("instance-b");
        instances.awaitSubscribed(2);
        for (Dashcache instance : List.of(a, b)) {
            for (String stage : STAGES) {
                assertThat(count(instance, stage)).as("%s before any event", stage).isZero();
            }
        }

        for (int i = 0; i < 3; i++) {
            instances.redis().publishEvent(instances.eventsStream(), EngineEvents.detectionCreated("4" + i));
        }
        Reply posted = Api.post(a, "/api/events", EngineEvents.detectionCreated("7"));
        assertThat(posted.status()).as("%s", posted).isEqualTo(200);

        // every event's broadcast is heard on both instances; each is bumped once, where it was applied
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (Dashcache instance : List.of(a, b)) {
                assertThat(count(instance, "occurred_to_heard")).isEqualTo(4);
                assertThat(count(instance, "stream_to_heard")).as("the webhook's event has no stream entry")
                        .isEqualTo(3);
            }
            assertThat(both(a, b, "occurred_to_bumped")).isEqualTo(4);
            assertThat(both(a, b, "stream_to_bumped")).isEqualTo(3);
        });
    }

    @Test
    void an_event_that_arrives_long_after_it_occurred_raises_the_lag_alert() {
        Dashcache a = instances.start("instance-a", Map.of("DASHCACHE_ALERT_MIN_SAMPLES", "1",
                "DASHCACHE_ALERT_INVALIDATION_LAG_MS", "5000"));
        instances.awaitSubscribed(1);

        String late = "{\"eventId\":\"e-" + UUID.randomUUID() + "\",\"type\":\"detection.created\",\"userId\":\"42\","
                + "\"occurredAt\":\"" + Instant.now().minus(Duration.ofMinutes(2)) + "\"}";
        instances.redis().publishEvent(instances.eventsStream(), late);

        await().atMost(PATIENCE).untilAsserted(() -> {
            Reply report = Api.get(a, "/api/cache/metrics", null);
            assertThat(report.status()).isEqualTo(200);
            assertThat(report.json().path("alerts").findValuesAsText("kind")).contains("INVALIDATION_LAG");
        });
        com.fasterxml.jackson.databind.JsonNode alerts = Api.get(a, "/api/cache/metrics", null).json().path("alerts");
        assertThat(alerts.findValuesAsText("message")).anySatisfy(message -> assertThat(message)
                .contains("occurred_to_bumped", "occurred_to_heard", "5000.0 ms").doesNotContain("stream_to"));
    }
}
