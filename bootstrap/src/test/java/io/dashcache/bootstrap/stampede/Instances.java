package io.dashcache.bootstrap.stampede;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.bootstrap.ConfigLoader;
import io.dashcache.bootstrap.Dashcache;
import io.dashcache.testsupport.RedisTestServer;
import io.dashcache.testsupport.TestRedisClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole dashcache instances in this JVM, on one Redis key prefix (so they share L2, leases and
 * invalidations as separate processes would) and one engine, with a client to call them.
 */
final class Instances implements AutoCloseable {

    private final String prefix = RedisTestServer.uniquePrefix();
    private final String engineUrl;
    private final String redisUrl;
    private final List<Dashcache> started = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    Instances(String engineUrl) {
        this(engineUrl, RedisTestServer.url());
    }

    /** Instances on another Redis: a {@code redis-cluster://} URL runs them on a cluster. */
    Instances(String engineUrl, String redisUrl) {
        this.engineUrl = engineUrl;
        this.redisUrl = redisUrl;
    }

    /** An instance with the test defaults and {@code overrides} (name, value, name, value ...). */
    Dashcache start(Clock clock, String... overrides) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "DASHCACHE_HTTP_PORT", "0",
                "DASHCACHE_REDIS_URL", redisUrl,
                "DASHCACHE_KEY_PREFIX", prefix,
                "DASHCACHE_ENGINE_URL", engineUrl,
                "DASHCACHE_DEMO_EVENTS_PER_MINUTE", "0",
                "DASHCACHE_INSTANCE_ID", prefix + "-" + (started.size() + 1)));
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            environment.put(overrides[i], overrides[i + 1]);
        }
        Dashcache instance = Dashcache.start(ConfigLoader.load(environment), clock);
        started.add(instance);
        return instance;
    }

    Dashcache start(String... overrides) {
        return start(Clock.systemUTC(), overrides);
    }

    HttpClient client() {
        return client;
    }

    static HttpRequest.Builder request(Dashcache instance, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> get(Dashcache instance, String pathAndQuery, String... headers) {
        HttpRequest.Builder request = request(instance, pathAndQuery).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> post(Dashcache instance, String path, String json) {
        return send(request(instance, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the instance did not answer " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static String xCache(HttpResponse<?> response) {
        return response.headers().firstValue("X-Cache").orElse("none");
    }

    static void assertJsonError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"error\":\"" + error + "\"").contains("\"detail\":");
    }

    @Override
    public void close() {
        started.forEach(Dashcache::close);
        started.clear();
        TestRedisClients.deleteKeys(redisUrl, prefix);
    }
}
