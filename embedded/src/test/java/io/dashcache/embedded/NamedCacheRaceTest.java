package io.dashcache.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.testsupport.RedisTestServer;
import io.dashcache.testsupport.TestRedisClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stale set a second cache engine left open, closed: B loads v1, the source moves to v2, A
 * invalidates while B's load is still running. Afterwards every instance reads v2, never v1, for
 * evict, put and clear alike. Deterministic: B's loader is held between reading the source and
 * returning until A's invalidation has returned.
 */
class NamedCacheRaceTest {

    private final String prefix = RedisTestServer.uniquePrefix();
    private final AtomicReference<String> source = new AtomicReference<>("v1");
    private final AtomicInteger loads = new AtomicInteger();
    private final ExecutorService pool = Executors.newFixedThreadPool(64);
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
        pool.shutdownNow();
        a.close();
        b.close();
        TestRedisClients.deleteKeys(RedisTestServer.url(), prefix);
    }

    private DashcacheClient client(String name) {
        return DashcacheClient.builder().redis(RedisTestServer.url()).keyPrefix(prefix).instanceId(name)
                .refreshAheadBeta(0).build();
    }

    private byte[] fromSource() {
        loads.incrementAndGet();
        return source.get().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** B's read of "k" loads v1 and is held there while {@code onA} changes the source and invalidates on A. */
    private void raceWithSlowLoadOnB(Consumer<NamedCache> onA) throws Exception {
        CountDownLatch readTheSource = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        Supplier<byte[]> slowLoader = () -> {
            byte[] value = fromSource();
            readTheSource.countDown();
            hold(invalidated);
            return value;
        };
        Future<byte[]> bRead = pool.submit(() -> b.namedCache("x").get("k", slowLoader));
        assertThat(readTheSource.await(5, TimeUnit.SECONDS)).isTrue();

        source.set("v2");
        onA.accept(a.namedCache("x"));
        invalidated.countDown();

        assertThat(text(bRead.get(5, TimeUnit.SECONDS))).as("B's caller gets what it asked for").isEqualTo("v1");
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void everyInstanceReadsV2() {
        for (DashcacheClient client : List.of(a, b, a, b)) {
            assertThat(text(client.namedCache("x").get("k", this::fromSource))).isEqualTo("v2");
        }
    }

    @Test
    void an_evict_during_a_slow_load_on_another_instance_leaves_no_instance_with_the_old_value() throws Exception {
        raceWithSlowLoadOnB(cache -> cache.evict("k"));

        everyInstanceReadsV2();
    }

    @Test
    void a_put_during_a_slow_load_on_another_instance_leaves_no_instance_with_the_old_value() throws Exception {
        raceWithSlowLoadOnB(cache -> cache.put("k", "v2".getBytes(StandardCharsets.UTF_8)));

        everyInstanceReadsV2();
        assertThat(loads).as("the put's value is served, not loaded again").hasValue(1);
    }

    @Test
    void a_clear_during_a_slow_load_on_another_instance_leaves_no_instance_with_the_old_value() throws Exception {
        raceWithSlowLoadOnB(NamedCache::clear);

        everyInstanceReadsV2();
    }

    @Test
    void an_evict_reaches_an_instance_that_holds_the_entry_in_l1() {
        assertThat(text(b.namedCache("x").get("k", this::fromSource))).isEqualTo("v1");
        assertThat(text(b.namedCache("x").get("k", this::fromSource))).isEqualTo("v1");
        source.set("v2");

        a.namedCache("x").evict("k");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(text(b.namedCache("x").get("k", this::fromSource))).isEqualTo("v2"));
    }

    @Test
    void five_hundred_concurrent_cold_reads_of_one_key_over_two_instances_load_it_once() throws Exception {
        Supplier<byte[]> slow = () -> {
            byte[] value = fromSource();
            sleep(200);
            return value;
        };
        CountDownLatch go = new CountDownLatch(1);
        List<Future<byte[]>> reads = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            DashcacheClient client = i % 2 == 0 ? a : b;
            reads.add(pool.submit(() -> {
                go.await();
                return client.namedCache("x").get("hot", slow);
            }));
        }
        go.countDown();

        for (Future<byte[]> read : reads) {
            assertThat(text(read.get(30, TimeUnit.SECONDS))).isEqualTo("v1");
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void a_loaders_null_is_not_cached_unless_the_options_ask_for_it() {
        AtomicInteger asked = new AtomicInteger();
        Supplier<byte[]> nothing = () -> {
            asked.incrementAndGet();
            return null;
        };
        assertThat(a.namedCache("plain").get("missing", nothing)).isNull();
        assertThat(a.namedCache("plain").get("missing", nothing)).isNull();
        assertThat(asked).hasValue(2);

        NamedCache negative = a.namedCache("negative",
                NamedCacheOptions.ttl(Duration.ofMinutes(1)).withNullsCachedFor(Duration.ofSeconds(30)));
        assertThat(negative.get("missing", nothing)).isNull();
        assertThat(b.namedCache("negative", negative.options()).get("missing", nothing)).isNull();
        assertThat(asked).as("remembered in both tiers").hasValue(3);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
