package io.dashcache.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dashcache.bootstrap.ConfigLoader;
import io.dashcache.bootstrap.Dashcache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A whole dashcache instance started in this JVM from configuration variables, and a client for
 * it whose every call is bounded in time (a hang is a failure, not a stuck build).
 */
final class RunningInstance implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Dashcache instance;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private RunningInstance(Dashcache instance) {
        this.instance = instance;
    }

    /** Starts on a free port, without the demo feed, with {@code variables} on top. */
    static RunningInstance start(Map<String, String> variables) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "DASHCACHE_HTTP_PORT", "0",
                "DASHCACHE_DEMO_EVENTS_PER_MINUTE", "0"));
        environment.putAll(variables);
        return new RunningInstance(Dashcache.start(ConfigLoader.load(environment)));
    }

    Dashcache dashcache() {
        return instance;
    }

    int port() {
        return instance.port();
    }

    HttpResponse<byte[]> get(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = request(pathAndQuery).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    HttpResponse<byte[]> post(String path, String body, String... headers) {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + pathAndQuery)).timeout(CALL_TIMEOUT);
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("dashcache did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code /health}'s overall status: UP or DEGRADED. */
    String healthStatus() {
        return health().path("status").asText();
    }

    JsonNode health() {
        HttpResponse<byte[]> response = get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response);
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text(response), e);
        }
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static String xCache(HttpResponse<byte[]> response) {
        return response.headers().firstValue("X-Cache").orElse("");
    }

    @Override
    public void close() {
        instance.close();
    }
}
