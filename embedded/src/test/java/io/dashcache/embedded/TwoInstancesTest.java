package io.dashcache.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.EventType;
import io.dashcache.domain.UserId;
import io.dashcache.testsupport.RedisTestServer;
import io.dashcache.testsupport.TestRedisClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two embedded instances on one Redis prefix see each other's invalidations, in both APIs. */
class TwoInstancesTest {

    private final String prefix = RedisTestServer.uniquePrefix();
    private final AtomicInteger loads = new AtomicInteger();
    private final CacheKey overview = CacheKey.forUser(DataType.OVERVIEW, UserId.of("7"));
    private DashcacheClient a;
    private DashcacheClient b;

    @BeforeEach
    void start() {
        a = client("a");
        b = client("b");
        await().atMost(Duration.ofSeconds(5)).until(() -> a.isSubscribed() && b.isSubscribed());
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        TestRedisClients.deleteKeys(redisUrl(), prefix);
    }

    /** The Redis both clients share: the test server, or (in a subclass) a cluster. */
    protected String redisUrl() {
        return RedisTestServer.url();
    }

    @Test
    void an_invalidation_on_one_instance_makes_the_other_load_again() {
        assertThat(a.get(overview).outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(b.get(overview).outcome()).isEqualTo(CacheOutcome.L2_HIT);
        assertThat(b.get(overview).outcome()).isEqualTo(CacheOutcome.L1_HIT);

        a.invalidateUser(UserId.of("7"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(b.get(overview).outcome()).isEqualTo(CacheOutcome.MISS));
        assertThat(loads).hasValue(2);
    }

    @Test
    void an_engine_event_applied_on_one_instance_reaches_the_other() {
        b.get(overview);
        assertThat(b.get(overview).outcome()).isEqualTo(CacheOutcome.L1_HIT);

        a.apply(new EngineEvent("e-" + prefix, EventType.DETECTION_CREATED, UserId.of("7"), null,
                Instant.parse("2026-11-25T10:00:00Z"), "d-1", null));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(b.get(overview).outcome()).isEqualTo(CacheOutcome.MISS));
    }

    @Test
    void a_named_cache_entry_evicted_on_one_instance_is_loaded_again_on_the_other() {
        AtomicInteger orderLoads = new AtomicInteger();
        byte[] first = b.namedCache("orders").get("order 17", () -> order(orderLoads));
        assertThat(a.namedCache("orders").get("order 17", () -> order(orderLoads))).isEqualTo(first);
        assertThat(orderLoads).hasValue(1);

        a.namedCache("orders").evict("order 17");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(b.namedCache("orders").get("order 17", () -> order(orderLoads)))
                        .isEqualTo("order#2".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_cleared_named_cache_is_empty_on_every_instance() {
        AtomicInteger orderLoads = new AtomicInteger();
        b.namedCache("orders").get("x", () -> order(orderLoads));
        a.namedCache("orders").put("y", "put".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(b.namedCache("orders").getIfPresent("y")).contains("put".getBytes(StandardCharsets.UTF_8)));

        a.namedCache("orders").clear();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(b.namedCache("orders").getIfPresent("y")).isEmpty();
            assertThat(b.namedCache("orders").getIfPresent("x")).isEmpty();
        });
    }

    @Test
    void a_value_put_on_one_instance_replaces_the_others_copy() {
        b.namedCache("orders").get("k", () -> "old".getBytes(StandardCharsets.UTF_8));

        a.namedCache("orders").put("k", "new".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(b.namedCache("orders").get("k", () -> "loaded".getBytes(StandardCharsets.UTF_8)))
                        .isEqualTo("new".getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] order(AtomicInteger loads) {
        return ("order#" + loads.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
    }

    private DashcacheClient client(String name) {
        return DashcacheClient.builder()
                .redis(redisUrl())
                .keyPrefix(prefix)
                .instanceId(name)
                .loader(key -> ("{\"n\":" + loads.incrementAndGet() + "}").getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
