package io.dashcache.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.testsupport.RedisTestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine goes slow, then fails, then goes away, then comes back. Cached and stale values keep
 * being served, what is not cached gets a JSON 502/503/504 within the timeout bound, the request
 * threads never all wait on the engine, and the instance recovers with it.
 */
class EngineOutageTest {

    /** The engine timeout is 300 ms; a load waits for another's at most 800 ms; this leaves room for a slow machine. */
    private static final Duration BOUND = Duration.ofSeconds(2);

    private final String prefix = RedisTestServer.uniquePrefix();
    private EngineStub engine;
    private RunningInstance instance;

    @BeforeEach
    void start() {
        engine = new EngineStub();
        instance = RunningInstance.start(Map.of(
                "DASHCACHE_REDIS_URL", RedisTestServer.url(),
                "DASHCACHE_ENGINE_URL", engine.url(),
                "DASHCACHE_KEY_PREFIX", prefix,
                "DASHCACHE_ENGINE_TIMEOUT_MS", "300",
                "DASHCACHE_TTL_OVERVIEW", "1",
                "DASHCACHE_ENGINE_MAX_CONCURRENCY", "4",
                "DASHCACHE_ENGINE_QUEUE_WAIT_MS", "50"));
    }

    @AfterEach
    void stop() {
        instance.close();
        engine.close();
        RedisTestServer.deleteKeys(prefix);
    }

    private record Timed(HttpResponse<byte[]> response, Duration took) {
    }

    private static Timed timed(Supplier<HttpResponse<byte[]>> call) {
        long started = System.nanoTime();
        HttpResponse<byte[]> response = call.get();
        return new Timed(response, Duration.ofNanos(System.nanoTime() - started));
    }

    private Timed overview(String user) {
        return timed(() -> instance.get("/api/dashboard/overview", "X-User-Id", user));
    }

    private Timed preferences(String user) {
        return timed(() -> instance.get("/api/dashboard/preferences", "X-User-Id", user));
    }

    private static void assertJsonError(Timed call, int status, String error) {
        assertThat(call.response().statusCode()).as("status of %s", RunningInstance.text(call.response())).isEqualTo(status);
        assertThat(RunningInstance.json(call.response()).path("error").asText()).isEqualTo(error);
        assertThat(call.took()).as("answered within the bound").isLessThan(BOUND);
    }

    private static void assertServed(Timed call, String xCache) {
        assertThat(call.response().statusCode()).isEqualTo(200);
        assertThat(RunningInstance.xCache(call.response())).isEqualTo(xCache);
        assertThat(call.took()).as("answered without waiting for the engine").isLessThan(Duration.ofMillis(500));
    }

    /** Reads until the engine answered once: the first exchange with a cold engine stub may outlast the 300 ms timeout. */
    private static void prime(Supplier<Timed> read) {
        await().atMost(Duration.ofSeconds(10)).until(() -> read.get().response().statusCode() == 200);
    }

    /** Primes an overview (TTL 1 s, grace 5 s), makes the engine fail as {@code failing} says, and waits until it is stale. */
    private void primeThenAwaitStale(String user, Runnable failing) {
        prime(() -> overview(user));
        failing.run();
        await().atMost(Duration.ofSeconds(4)).untilAsserted(() -> assertServed(overview(user), "STALE"));
    }

    @Test
    void a_slow_engine_leaves_cached_and_stale_values_served_and_costs_the_rest_a_bounded_504() throws Exception {
        prime(() -> preferences("fresh"));
        primeThenAwaitStale("stale", () -> engine.slow(3_000));

        assertServed(preferences("fresh"), "L1_HIT");
        assertServed(overview("stale"), "STALE");
        assertJsonError(overview("uncached-1"), 504, "engine_timeout");

        // a burst of misses: at most 4 wait on the engine, the others are refused at once
        ExecutorService burst = Executors.newFixedThreadPool(12);
        try {
            List<Future<Timed>> misses = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String user = "burst-" + i;
                misses.add(burst.submit(() -> overview(user)));
            }
            Timed health = timed(() -> instance.get("/health"));
            Timed cached = preferences("fresh");
            List<Integer> statuses = new ArrayList<>();
            for (Future<Timed> miss : misses) {
                Timed answer = miss.get(10, TimeUnit.SECONDS);
                assertThat(answer.took()).isLessThan(BOUND);
                statuses.add(answer.response().statusCode());
            }

            assertThat(statuses).containsOnly(503, 504).contains(503);
            assertThat(health.response().statusCode()).isEqualTo(200);
            assertThat(health.took()).as("/health during the burst").isLessThan(Duration.ofSeconds(1));
            assertServed(cached, "L1_HIT");
        } finally {
            burst.shutdownNow();
        }
        assertThat(RunningInstance.json(instance.get("/health")).path("dependencies").path("engine").path("state")
                .asText()).isEqualTo("DEGRADED");

        engine.answerEverything("{\"v\":2}");

        Timed recovered = overview("uncached-2");
        assertThat(recovered.response().statusCode()).isEqualTo(200);
        assertThat(RunningInstance.text(recovered.response())).isEqualTo("{\"v\":2}");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(RunningInstance.text(overview("stale").response())).isEqualTo("{\"v\":2}"));
        await().atMost(Duration.ofSeconds(5)).until(() -> instance.healthStatus().equals("UP"));
    }

    @Test
    void a_failing_then_vanished_engine_leaves_stale_values_served_and_the_rest_a_quick_502_then_503() {
        primeThenAwaitStale("stale", engine::failing);

        assertJsonError(overview("uncached-1"), 502, "engine_failing");
        assertServed(overview("stale"), "STALE");

        engine.stop();

        assertJsonError(overview("uncached-2"), 503, "engine_unavailable");
        assertServed(overview("stale"), "STALE");
        assertThat(instance.healthStatus()).isEqualTo("DEGRADED");

        engine.startAgain("{\"v\":3}");

        Timed recovered = overview("uncached-3");
        assertThat(recovered.response().statusCode()).isEqualTo(200);
        assertThat(RunningInstance.text(recovered.response())).isEqualTo("{\"v\":3}");
        await().atMost(Duration.ofSeconds(5)).until(() -> instance.healthStatus().equals("UP"));
    }
}
