package io.dashcache.bootstrap.changes;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.dashcache.bootstrap.ConfigLoader;
import io.dashcache.bootstrap.Dashcache;
import io.dashcache.domain.KeyFormat;
import io.dashcache.testsupport.EventStreamClient;
import io.dashcache.testsupport.RedisTestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;

/**
 * Dashcache instances in this JVM on one Redis key prefix (so they share the invalidation channel,
 * as separate processes would), a WireMock engine, the engine-event stream to add events to, and
 * change streams opened on the instances. Everything is closed with it.
 */
final class ChangeStreamCluster implements AutoCloseable {

    final String prefix = RedisTestServer.uniquePrefix();
    /** The stream {@link #startReadingEvents} instances consume; the others read a stream nobody writes. */
    final String eventsStream = prefix + ":events";
    private final WireMockServer engine = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final RedisClient redis = RedisClient.create(URI.create(RedisTestServer.url()));
    private final List<AutoCloseable> open = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    ChangeStreamCluster() {
        engine.start();
        engine.stubFor(WireMock.get(urlPathMatching("/v1/.*")).willReturn(okJson("{\"ok\":true}")));
    }

    /** An instance that consumes {@link #eventsStream}; {@code overrides} are name, value, name, value ... */
    Dashcache startReadingEvents(String... overrides) {
        return start(eventsStream, overrides);
    }

    /** An instance that hears of events only through the other instances' broadcasts (or its own webhook). */
    Dashcache startNotReadingEvents(String... overrides) {
        return start(prefix + ":events-unused-" + open.size(), overrides);
    }

    private Dashcache start(String stream, String... overrides) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "DASHCACHE_HTTP_PORT", "0",
                "DASHCACHE_REDIS_URL", RedisTestServer.url(),
                "DASHCACHE_KEY_PREFIX", prefix,
                "DASHCACHE_ENGINE_URL", engine.baseUrl(),
                "DASHCACHE_EVENTS_STREAM", stream,
                "DASHCACHE_DEMO_EVENTS_PER_MINUTE", "0",
                "DASHCACHE_WARM_INTERVAL_SECONDS", "0",
                "DASHCACHE_INSTANCE_ID", prefix + "-" + (open.size() + 1)));
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            environment.put(overrides[i], overrides[i + 1]);
        }
        Dashcache instance = Dashcache.start(ConfigLoader.load(environment));
        open.add(instance);
        return instance;
    }

    static URI uri(Dashcache instance, String path) {
        return URI.create("http://127.0.0.1:" + instance.port() + path);
    }

    /** Opens {@code GET /api/dashboard/changes} on the instance with these headers. */
    EventStreamClient openStream(Dashcache instance, String... headers) {
        EventStreamClient stream = EventStreamClient.open(uri(instance, "/api/dashboard/changes"), headers);
        open.add(stream);
        return stream;
    }

    /** Waits until every instance started holds its subscription to the invalidation channel. */
    void awaitEveryInstanceSubscribed() {
        String channel = KeyFormat.standalone(prefix).name("invalidations");
        long instances = open.stream().filter(Dashcache.class::isInstance).count();
        await("every instance subscribed to " + channel).atMost(Duration.ofSeconds(10)).until(() -> {
            List<?> reply = (List<?>) redis.sendCommand(Protocol.Command.PUBSUB, "NUMSUB", channel);
            return ((Number) reply.get(1)).longValue() == instances;
        });
    }

    /** POSTs JSON to the instance and returns the status. */
    int post(Dashcache instance, String path, String json) {
        return send(HttpRequest.newBuilder(uri(instance, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** From now on the engine answers every read with {@code json}. */
    void engineAnswers(String json) {
        engine.stubFor(WireMock.get(urlPathMatching("/v1/.*")).willReturn(okJson(json)));
    }

    /** GETs a path as the user: the whole answer, {@code X-Cache} and all. */
    HttpResponse<String> read(Dashcache instance, String path, String user) {
        return send(HttpRequest.newBuilder(uri(instance, path)).header("X-User-Id", user).GET(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GETs a path and returns the body. */
    String get(Dashcache instance, String path) {
        return send(HttpRequest.newBuilder(uri(instance, path)).GET(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), body);
        } catch (IOException e) {
            throw new AssertionError("the instance did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** XADDs a {@code detection.created} for the user to {@link #eventsStream}. */
    void addDetection(String eventId, String user) {
        redis.xadd(eventsStream, StreamEntryID.NEW_ENTRY, Map.of("event", detection(eventId, user)));
    }

    static String detection(String eventId, String user) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"detection.created\",\"userId\":\"" + user
                + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\"}";
    }

    @Override
    public void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        engine.stop();
        redis.close();
        RedisTestServer.deleteKeys(prefix);
    }
}
