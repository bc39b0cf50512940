package io.dashcache.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.bootstrap.Dashcache;
import io.dashcache.testsupport.RedisTestServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis going away while an instance runs, played with a proxy in front of it: no read fails
 * because of Redis alone, {@code /health} says so, and once Redis is back the instance flushes
 * its L1 (invalidations may have been missed meanwhile) and is healthy again.
 */
class RedisOutageTest extends EndToEndTest {

    private static final Duration WITHIN = Duration.ofSeconds(5);

    private CuttableProxy redis;

    @BeforeEach
    void proxyInFrontOfRedis() {
        redis = instances.closedAfterTheInstances(new CuttableProxy(URI.create(RedisTestServer.url())));
    }

    @Test
    void reads_go_on_while_redis_is_away_and_l1_is_flushed_when_it_is_back() {
        ApiRead overview = ApiRead.overview("42");
        ApiRead preferences = ApiRead.preferences("42");
        engine.answers(overview.engine(), overview.body("v1"));
        engine.answers(preferences.engine(), preferences.body("v1"));
        Dashcache instance = instances.start("outage", Map.of("DASHCACHE_REDIS_URL", redis.url()));
        assertThat(Api.get(instance, overview).cache()).isEqualTo("MISS");

        redis.cut();

        Reply cached = Api.get(instance, overview);
        assertThat(cached.status()).isEqualTo(200);
        assertThat(cached.cache()).isEqualTo("L1_HIT");
        Reply loaded = Api.get(instance, preferences);
        assertThat(loaded.status()).as("a read of something not cached, with Redis away: %s", loaded).isEqualTo(200);
        assertThat(loaded.cache()).isEqualTo("MISS");
        assertThat(loaded.text()).isEqualTo(preferences.body("v1"));
        assertThat(Api.get(instance, preferences).cache()).as("kept in L1 meanwhile").isEqualTo("L1_HIT");
        awaitRedisState(instance, "DEGRADED");

        redis.restore();

        awaitRedisState(instance, "UP");
        Reply afterward = await("L1 flushed once the invalidation subscription is back").pollInSameThread()
                .pollInterval(Duration.ofMillis(20)).atMost(WITHIN)
                .until(() -> Api.get(instance, overview), reply -> !"L1_HIT".equals(reply.cache()));
        assertThat(afterward.cache()).isEqualTo("L2_HIT");
        assertThat(afterward.text()).isEqualTo(overview.body("v1"));
    }

    private static void awaitRedisState(Dashcache instance, String state) {
        await("redis " + state + " in /health").pollInSameThread().pollInterval(Duration.ofMillis(50)).atMost(WITHIN)
                .until(() -> Api.get(instance, "/health", null),
                        health -> health.status() == 200
                                && health.json().path("dependencies").path("redis").path("state").asText().equals(state));
    }
}
