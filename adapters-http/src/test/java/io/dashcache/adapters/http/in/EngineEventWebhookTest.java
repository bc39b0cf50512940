package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.EventType;
import io.dashcache.domain.UserId;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

class EngineEventWebhookTest extends RunningServer {

    static String event(String id) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"detection.created\",\"userId\":\"42\","
                + "\"occurredAt\":\"2026-11-25T10:00:00Z\",\"detectionId\":\"d-7\"}";
    }

    @Test
    void one_event_is_applied_and_answered_with_its_outcome() {
        HttpResponse<byte[]> response = post("/api/events", event("e-1"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = json(response).path("results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).path("eventId").asText()).isEqualTo("e-1");
        assertThat(results.get(0).path("outcome").asText()).isEqualTo("APPLIED");
        EngineEvent applied = ports.applied.get(0);
        assertThat(applied.type()).isEqualTo(EventType.DETECTION_CREATED);
        assertThat(applied.user()).isEqualTo(UserId.of("42"));
        assertThat(applied.occurredAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(applied.detectionId()).isEqualTo("d-7");
    }

    @Test
    void an_array_of_events_is_applied_in_order_and_a_repeated_id_is_a_duplicate() {
        HttpResponse<byte[]> response = post("/api/events", "[" + event("e-1") + "," + event("e-2") + "," + event("e-1") + "]");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = json(response).path("results");
        assertThat(results).extracting(r -> r.path("eventId").asText()).containsExactly("e-1", "e-2", "e-1");
        assertThat(results).extracting(r -> r.path("outcome").asText()).containsExactly("APPLIED", "APPLIED", "DUPLICATE");
    }

    @Test
    void a_batch_event_with_numeric_user_ids_reads_them_as_text() {
        HttpResponse<byte[]> response = post("/api/events", "{\"eventId\":\"b-1\",\"type\":\"batch.completed\","
                + "\"batchId\":\"batch-9\",\"userIds\":[42,\"43\"],\"occurredAt\":\"2026-11-25T10:00:00Z\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ports.applied.get(0).users()).containsExactly(UserId.of("42"), UserId.of("43"));
    }

    @Test
    void an_empty_array_applies_nothing_and_answers_empty_results() {
        HttpResponse<byte[]> response = post("/api/events", "[]");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("results").isArray()).isTrue();
        assertThat(json(response).path("results")).isEmpty();
        assertThat(ports.applied).isEmpty();
    }

    @Test
    void an_event_with_a_bad_field_is_a_400_naming_the_field() {
        String detail = assertError(post("/api/events", "{\"eventId\":\"e-1\",\"type\":\"detection.created\","
                + "\"userId\":\"42\",\"occurredAt\":\"yesterday\"}"), 400, "invalid_request");

        assertThat(detail).contains("occurredAt");
        assertThat(ports.applied).isEmpty();
    }

    @Test
    void an_unknown_event_type_is_a_400_naming_the_type() {
        assertThat(assertError(post("/api/events", "{\"eventId\":\"e-1\",\"type\":\"detection.exploded\","
                + "\"occurredAt\":\"2026-11-25T10:00:00Z\"}"), 400, "invalid_request")).contains("event type");
    }

    @Test
    void one_bad_event_in_an_array_rejects_them_all_and_says_which() {
        String detail = assertError(post("/api/events", "[" + event("e-1") + ",{\"type\":\"detection.created\"}]"),
                400, "invalid_request");

        assertThat(detail).startsWith("events[1]").contains("eventId");
        assertThat(ports.applied).isEmpty();
    }

    @Test
    void an_array_item_that_is_not_an_object_is_a_400() {
        assertThat(assertError(post("/api/events", "[" + event("e-1") + ",7]"), 400, "invalid_request"))
                .contains("events[1]");
    }

    @Test
    void a_body_that_is_neither_an_event_nor_an_array_is_a_400() {
        assertError(post("/api/events", "\"detection.created\""), 400, "invalid_request");
    }

    @Test
    void more_than_a_thousand_events_are_refused() {
        StringJoiner events = new StringJoiner(",", "[", "]");
        for (int i = 0; i <= EngineEventWebhook.MAX_EVENTS; i++) {
            events.add("{}");
        }

        assertThat(assertError(post("/api/events", events.toString()), 400, "invalid_request")).contains("1000");
    }

    @Test
    void an_event_the_cache_cannot_record_is_a_503_so_the_sender_retries() {
        ports.applyFailure = new CacheTierUnavailableException("redis down", new IOException("refused"));

        assertError(post("/api/events", event("e-1")), 503, "cache_unavailable");
    }
}
