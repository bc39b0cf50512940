package io.dashcache.bootstrap.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.dashcache.bootstrap.ConfigLoader;
import io.dashcache.bootstrap.Dashcache;
import io.dashcache.bootstrap.wiring.HttpEndpoint;
import io.dashcache.testsupport.RedisTestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole dashcache instance for end-to-end tests: a real Redis under a fresh key prefix, a
 * WireMock engine that answers every read with a small JSON object, and a client.
 */
final class RunningInstance implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer engine;
    private final Dashcache instance;
    private final String prefix;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private RunningInstance(WireMockServer engine, Dashcache instance, String prefix) {
        this.engine = engine;
        this.instance = instance;
        this.prefix = prefix;
    }

    static RunningInstance start(Map<String, String> moreVariables) {
        WireMockServer engine = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        engine.start();
        engine.stubFor(WireMock.get(urlPathMatching("/v1/.*")).willReturn(okJson("{\"widgets\":[1,2,3],\"ok\":true}")));
        String prefix = RedisTestServer.uniquePrefix();
        Map<String, String> variables = new HashMap<>(Map.of(
                "DASHCACHE_HTTP_PORT", "0",
                "DASHCACHE_REDIS_URL", RedisTestServer.url(),
                "DASHCACHE_KEY_PREFIX", prefix,
                "DASHCACHE_ENGINE_URL", "http://127.0.0.1:" + engine.port(),
                "DASHCACHE_DEMO_EVENTS_PER_MINUTE", "0",
                // these tests count reads and loads exactly: no warming behind their backs
                "DASHCACHE_WARM_ON_FIRST_READ", "false",
                "DASHCACHE_WARM_INTERVAL_SECONDS", "0",
                "DASHCACHE_REFRESH_AHEAD_BETA", "0"));
        variables.putAll(moreVariables);
        try {
            return new RunningInstance(engine, Dashcache.start(ConfigLoader.load(variables)), prefix);
        } catch (RuntimeException e) {
            engine.stop();
            throw e;
        }
    }

    /** From now on the engine answers reads of this data type with a 500. */
    void failEngineFor(String type) {
        engine.stubFor(WireMock.get(urlPathEqualTo("/v1/" + type)).atPriority(1).willReturn(aResponse().withStatus(500)));
    }

    /** The routes the instance's HTTP server really has, as {@code "GET /health"}. */
    List<String> routes() {
        return instance.part(HttpEndpoint.class).routes();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + instance.port();
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("dashcache did not answer " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    HttpResponse<String> post(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("dashcache did not answer " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Reads a dashboard path {@code times} times as a user and returns how many answers were 200. */
    int read(String path, String user, int times) {
        int ok = 0;
        for (int i = 0; i < times; i++) {
            if (get(path, "X-User-Id", user).statusCode() == 200) {
                ok++;
            }
        }
        return ok;
    }

    JsonNode json(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(path + " is not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        try {
            instance.close();
        } finally {
            engine.stop();
            RedisTestServer.deleteKeys(prefix);
        }
    }
}
