package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.application.port.in.metrics.ReadCacheHealth;
import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.port.out.reading.SourceUnavailableException.Reason;
import io.dashcache.application.port.out.reading.SourceUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorAnswersTest extends RunningServer {

    @ParameterizedTest
    @CsvSource({"FAILING, 502, engine_failing", "BAD_ANSWER, 502, engine_bad_answer", "TIMEOUT, 504, engine_timeout", "UNREACHABLE, 503, engine_unavailable"})
    void an_engine_that_cannot_answer_is_a_json_error_whose_status_says_why(Reason reason, int status, String error) {
        ports.readAnswer = key -> {
            throw new SourceUnavailableException(reason, "engine said 500 for user 42", new IOException("boom"));
        };

        String detail = assertError(get("/api/dashboard/system-status"), status, error);

        assertThat(detail).contains("Core Detection Engine").doesNotContain("user 42");
    }

    @Test
    void a_cache_tier_that_cannot_answer_is_a_503() {
        ports.readAnswer = key -> {
            throw new CacheTierUnavailableException("redis down", new IOException("refused"));
        };

        assertError(get("/api/dashboard/system-status"), 503, "cache_unavailable");
    }

    @Test
    void an_unexpected_failure_is_a_500_with_a_generic_detail() {
        ports.readAnswer = key -> {
            throw new IllegalStateException("secret internals at line 42");
        };

        String detail = assertError(get("/api/dashboard/system-status"), 500, "internal_error");

        assertThat(detail).doesNotContain("secret");
    }

    @Test
    void an_unknown_path_is_a_404_json_error() {
        assertError(get("/api/nothing-here"), 404, "not_found");
        assertError(get("/"), 404, "not_found");
    }

    @Test
    void a_known_path_with_the_wrong_method_is_a_405_that_names_the_allowed_methods() {
        HttpResponse<byte[]> response = send(request("/api/dashboard/overview").DELETE());

        assertError(response, 405, "method_not_allowed");
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    @Test
    void a_body_over_the_limit_is_a_413() {
        String big = "{\"pad\":\"" + "x".repeat(MAX_BODY) + "\"}";

        assertError(post("/api/events", big), 413, "body_too_large");
        assertThat(ports.applied).isEmpty();
    }

    @Test
    void a_chunked_body_over_the_limit_is_a_413_too() {
        byte[] big = ("{\"pad\":\"" + "x".repeat(MAX_BODY * 2) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder chunked = request("/api/cache/invalidate")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));

        assertError(send(chunked), 413, "body_too_large");
        assertThat(ports.invalidations).isEmpty();
    }

    @Test
    void a_deeply_nested_body_is_a_400_before_it_reaches_any_port() {
        String deep = "[".repeat(500) + "]".repeat(500);

        assertThat(assertError(post("/api/events", deep), 400, "malformed_json")).contains("nesting");
        assertThat(ports.applied).isEmpty();
    }

    @Test
    void a_body_that_is_not_json_is_a_400() {
        assertError(post("/api/events", "{\"eventId\": \"e-1\", "), 400, "malformed_json");
        assertError(post("/api/cache/invalidate", "userId=42"), 400, "malformed_json");
        assertError(post("/api/cache/invalidate", "{\"userId\":\"42\"} trailing"), 400, "malformed_json");
        assertError(post("/api/cache/invalidate", "{\"userId\":\"42\",\"userId\":\"43\"}"), 400, "malformed_json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"deep", "{\"eventId\": \"e-1\", ", "{\"userId\":\"42\"} trailing", "{\"a\":1} {\"b\":2}",
            "{\"userId\":\"42\",\"userId\":\"43\"}", "long-name", "{\"a\": \"\u0001\"}", "[1, 2,]", "{'a': 1}"})
    void a_malformed_body_is_described_in_our_words_without_the_parsers_names(String body) {
        String sent = switch (body) {
            case "deep" -> "{\"a\":".repeat(30) + "1" + "}".repeat(30);
            case "long-name" -> "{\"" + "n".repeat(1_001) + "\": 1}";
            default -> body;
        };

        String detail = assertError(post("/api/cache/invalidate", sent), 400, "malformed_json");

        assertThat(detail).startsWith("the body is not valid JSON: ")
                .doesNotContain("`").doesNotContain("Exception").doesNotContain("StreamRead").doesNotContain("Feature")
                .doesNotContain("Source:").doesNotContain("java.").doesNotContain("REDACTED").hasSizeLessThan(300);
    }

    @Test
    void health_translates_a_redis_clients_exception_names_and_says_what_to_do() {
        ports.healthAnswer = () -> new ReadCacheHealth.HealthReport(DependencyHealth.State.DEGRADED, List.of(
                DependencyHealth.degraded("redis", "circuit OPEN: reads go L1 -> engine; no answer to PING from "
                        + "redis://127.0.0.1:6390: JedisConnectionException: java.net.SocketTimeoutException: Read timed out"),
                DependencyHealth.up("engine", "the latest call succeeded")), 0, 0);

        HttpResponse<byte[]> health = get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        String redis = json(health).path("dependencies").path("redis").path("detail").asText();
        assertThat(redis).doesNotContain("Exception").doesNotContain("Jedis").doesNotContain("java.")
                .contains("the connection failed").contains("timed out").contains("DASHCACHE_REDIS_URL");
    }

    @Test
    void an_empty_body_is_a_400() {
        assertThat(assertError(post("/api/events", ""), 400, "invalid_request")).contains("body is required");
    }

    @Test
    void a_request_jetty_cannot_parse_is_answered_in_json_too() throws IOException {
        String raw = rawExchange("GARBAGE\u0001 / HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw).containsIgnoringCase("Content-Type: application/json");
        assertThat(raw).contains("\"error\":\"invalid_request\"");
        assertSafe(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /api/dashboard/widgets/a b HTTP/1.1", "GET /health", "GET /health HTTP/9.9",
            "GET /health HTTP/1.1 extra"})
    void a_request_line_jetty_calls_an_unsupported_version_is_the_callers_400_not_a_505(String line) throws IOException {
        String raw = rawExchange(line + "\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw).contains("\"error\":\"invalid_request\"");
        assertSafe(raw);
    }

    @Test
    void headers_over_jettys_limit_are_answered_in_json_too() throws IOException {
        String raw = rawExchange("GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: " + "p".repeat(20_000) + "\r\n\r\n");

        assertThat(raw).startsWith("HTTP/1.1 431");
        assertThat(raw).contains("\"error\":\"invalid_request\"");
        assertSafe(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/dashboard/analytics?period=%zz", "/api/dashboard/widgets/%zz", "/api/dashboard/widgets/%E0%A4%A"})
    void a_badly_encoded_url_is_a_400_not_a_500(String target) throws IOException {
        String raw = rawExchange("GET " + target + " HTTP/1.1\r\nHost: x\r\nX-User-Id: 42\r\nConnection: close\r\n\r\n");

        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw).contains("\"error\":\"invalid_request\"");
        assertSafe(raw);
    }

    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
