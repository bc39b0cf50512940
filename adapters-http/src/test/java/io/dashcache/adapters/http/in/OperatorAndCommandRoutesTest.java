package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcache.application.port.in.invalidation.InvalidationRequest;
import io.dashcache.application.port.in.metrics.ReadCacheHealth.HealthReport;
import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.messages.EngineReply;
import io.dashcache.domain.DataType;
import io.dashcache.domain.UserId;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorAndCommandRoutesTest extends RunningServer {

    static Stream<Arguments> invalidations() {
        UserId user = UserId.of("42");
        return Stream.of(
                Arguments.of("{\"userId\":\"42\"}", InvalidationRequest.user(user)),
                Arguments.of("{\"userId\":42}", InvalidationRequest.user(user)),
                Arguments.of("{\"type\":\"overview\"}", InvalidationRequest.type(DataType.OVERVIEW)),
                Arguments.of("{\"userId\":\"42\",\"type\":\"widget_data\"}",
                        InvalidationRequest.userAndType(user, DataType.WIDGET_DATA)),
                Arguments.of("{\"all\":true}", InvalidationRequest.allEntries()),
                Arguments.of("{\"userId\":\"42\",\"all\":false}", InvalidationRequest.user(user)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidations")
    void an_invalidation_body_becomes_its_request_and_the_answer_is_the_summary(String body, InvalidationRequest expected) {
        HttpResponse<byte[]> response = post("/api/cache/invalidate", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ports.invalidations).containsExactly(expected);
        JsonNode summary = json(response);
        assertThat(summary.path("scopesBumped").isInt()).isTrue();
        assertThat(summary.path("keysDeleted").asLong()).isEqualTo(expected.all() ? 17 : 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"type\":\"everything\"}", "{\"all\":true,\"userId\":\"42\"}", "{\"user\":\"42\"}",
            "{\"all\":\"yes\"}", "{\"userId\":\"a*b\"}", "{\"type\":[\"overview\"]}", "[{\"all\":true}]", "{\"all\":false}"})
    void an_invalidation_that_names_nothing_valid_is_a_400(String body) {
        assertError(post("/api/cache/invalidate", body), 400, "invalid_request");
        assertThat(ports.invalidations).isEmpty();
    }

    @Test
    void preferences_are_forwarded_as_sent_and_the_engine_reply_comes_back_unchanged() {
        String body = "{ \"theme\" : \"dark\",\"widgets\":[\"heatmap\"] }";
        ports.engineReply = new EngineReply(200, "{\"saved\": true}".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> response = send(request("/api/dashboard/preferences")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).header("X-User-Id", "42"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"saved\": true}");
        RecordingPorts.Write write = ports.writes.get(0);
        assertThat(write.port()).isEqualTo("preferences");
        assertThat(write.user()).isEqualTo(UserId.of("42"));
        assertThat(new String(write.json(), StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @Test
    void the_engine_refusing_preferences_is_passed_back_with_its_status() {
        ports.engineReply = new EngineReply(422, "{\"error\":\"theme unknown\"}".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> response = send(request("/api/dashboard/preferences")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"theme\":\"neon\"}")).header("X-User-Id", "42"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("error").asText()).isEqualTo("theme unknown");
    }

    @Test
    void preferences_that_are_not_a_json_object_never_reach_the_engine() {
        HttpResponse<byte[]> response = send(request("/api/dashboard/preferences")
                .PUT(HttpRequest.BodyPublishers.ofString("[\"dark\"]")).header("X-User-Id", "42"));

        assertThat(assertError(response, 400, "invalid_request")).contains("JSON object");
        assertThat(ports.writes).isEmpty();
    }

    @Test
    void preferences_without_the_user_header_are_a_400() {
        assertError(send(request("/api/dashboard/preferences").PUT(HttpRequest.BodyPublishers.ofString("{}"))),
                400, "invalid_request");
        assertThat(ports.writes).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void analyses_are_submitted_for_the_caller_and_the_engine_202_comes_back(boolean batch) {
        ports.engineReply = new EngineReply(202, "{\"analysisId\":\"a-1\"}".getBytes(StandardCharsets.UTF_8));
        String body = batch ? "[{\"video\":\"v1\"},{\"video\":\"v2\"}]" : "{\"video\":\"v1\"}";

        HttpResponse<byte[]> response = post(batch ? "/api/analyses/batch" : "/api/analyses", body, "X-User-Id", "u-7");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).path("analysisId").asText()).isEqualTo("a-1");
        assertThat(ports.writes).containsExactly(new RecordingPorts.Write("analyses", UserId.of("u-7"),
                ports.writes.get(0).json(), batch));
        assertThat(new String(ports.writes.get(0).json(), StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @Test
    void an_analysis_that_is_not_json_is_a_400() {
        assertError(post("/api/analyses", "video=v1", "X-User-Id", "42"), 400, "malformed_json");
        assertError(post("/api/analyses", "42", "X-User-Id", "42"), 400, "invalid_request");
        assertThat(ports.writes).isEmpty();
    }

    @Test
    void health_lists_every_dependency_and_the_l1_size() {
        ports.healthAnswer = () -> new HealthReport(DependencyHealth.State.DEGRADED,
                List.of(DependencyHealth.degraded("redis", "circuit open"), DependencyHealth.up("engine", "ok")), 12, 4096);

        HttpResponse<byte[]> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = json(response);
        assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.path("dependencies").path("redis").path("state").asText()).isEqualTo("DEGRADED");
        assertThat(health.path("dependencies").path("redis").path("detail").asText()).startsWith("circuit open; check");
        assertThat(health.path("dependencies").path("engine").path("state").asText()).isEqualTo("UP");
        assertThat(health.path("l1").path("entries").asLong()).isEqualTo(12);
        assertThat(health.path("l1").path("bytes").asLong()).isEqualTo(4096);
    }

    @Test
    void health_is_still_200_when_the_report_itself_fails() {
        ports.healthAnswer = () -> {
            throw new IllegalStateException("metrics registry closed");
        };

        HttpResponse<byte[]> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("DEGRADED");
    }
}
