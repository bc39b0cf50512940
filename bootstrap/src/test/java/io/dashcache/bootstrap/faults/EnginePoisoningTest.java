package io.dashcache.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.testsupport.RedisTestServer;
import io.dashcache.testsupport.TestRedisClients;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * An engine that answers {@code 200} with a body that begins like JSON and is not: nothing of it is
 * cached in L1 or L2, the caller gets a JSON 502 saying so, a good stale value keeps being served
 * and is not replaced by the refresh that got the garbage, and the bad answers are counted.
 */
class EnginePoisoningTest {

    private static final String GARBAGE = "{\"this is\": not json <<<";
    private static final Pattern BAD_ANSWERS = Pattern.compile(
            "dashcache_engine_bad_answers_total\\{type=\"overview\"} ([0-9.]+)");

    private final String prefix = RedisTestServer.uniquePrefix();
    private EngineStub engine;
    private RunningInstance instance;
    private UnifiedJedis redis;

    @BeforeEach
    void start() {
        engine = new EngineStub();
        redis = TestRedisClients.open(RedisTestServer.url());
        instance = RunningInstance.start(Map.of(
                "DASHCACHE_REDIS_URL", RedisTestServer.url(),
                "DASHCACHE_ENGINE_URL", engine.url(),
                "DASHCACHE_KEY_PREFIX", prefix,
                "DASHCACHE_TTL_OVERVIEW", "1",
                "DASHCACHE_REFRESH_AHEAD_BETA", "0",
                "DASHCACHE_WARM_ON_FIRST_READ", "false"));
    }

    @AfterEach
    void stop() {
        instance.close();
        engine.close();
        RedisTestServer.deleteKeys(prefix);
        redis.close();
    }

    private HttpResponse<byte[]> overview(String user) {
        return instance.get("/api/dashboard/overview", "X-User-Id", user);
    }

    @Test
    void a_garbage_answer_is_a_json_502_and_nothing_of_it_is_cached_so_the_next_read_asks_again() {
        engine.answerRaw(GARBAGE);

        for (int read = 1; read <= 3; read++) {
            HttpResponse<byte[]> answer = overview("poisoned");

            assertThat(answer.statusCode()).as("read %d: %s", read, RunningInstance.text(answer)).isEqualTo(502);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(RunningInstance.json(answer).path("error").asText()).isEqualTo("engine_bad_answer");
            assertThat(RunningInstance.text(answer)).doesNotContain("not json").doesNotContain("Exception");
            assertThat(engine.readsOf("overview", "poisoned")).as("engine asked on read %d", read).isEqualTo(read);
        }
        assertThat(TestRedisClients.keys(redis, prefix + ":overview:*")).as("nothing stored in L2").isEmpty();
        assertThat(badAnswersCounted()).isGreaterThanOrEqualTo(3);
        assertThat(RunningInstance.json(instance.get("/health")).path("dependencies").path("engine").path("detail")
                .asText()).contains("cannot be cached").doesNotContain("Exception");
    }

    @Test
    void a_stale_good_value_is_served_and_the_refresh_that_got_garbage_does_not_replace_it() {
        engine.answerRaw("{\"v\":1}");
        await().atMost(Duration.ofSeconds(10)).until(() -> overview("stale").statusCode() == 200);
        engine.answerRaw(GARBAGE);

        // past the 1 s TTL the good value is served stale while a background refresh asks the engine
        await().atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
            HttpResponse<byte[]> stale = overview("stale");
            assertThat(RunningInstance.xCache(stale)).isEqualTo("STALE");
            assertThat(engine.readsOf("overview", "stale")).as("refreshes that got garbage").isGreaterThanOrEqualTo(1);
        });
        // a failed refresh rests for a second: read over two more so a second refresh has come back with garbage
        long until = System.nanoTime() + Duration.ofMillis(2_500).toNanos();
        while (System.nanoTime() < until) {
            HttpResponse<byte[]> read = overview("stale");
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(RunningInstance.text(read)).isEqualTo("{\"v\":1}");
            assertThat(RunningInstance.xCache(read)).isEqualTo("STALE");
            sleep(100);
        }
        assertThat(engine.readsOf("overview", "stale")).as("refreshes that got garbage").isGreaterThanOrEqualTo(2);
        assertThat(TestRedisClients.keys(redis, prefix + ":overview:*")).singleElement().satisfies(key ->
                assertThat(new String(redis.get(key.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                        .contains("{\"v\":1}").doesNotContain("not json"));
        assertThat(badAnswersCounted()).isGreaterThanOrEqualTo(2);

        engine.answerRaw("{\"v\":2}");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(RunningInstance.text(overview("stale"))).isEqualTo("{\"v\":2}"));
    }

    private double badAnswersCounted() {
        Matcher counted = BAD_ANSWERS.matcher(RunningInstance.text(instance.get("/metrics")));
        assertThat(counted.find()).as("the bad-answer counter is exposed").isTrue();
        return Double.parseDouble(counted.group(1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
