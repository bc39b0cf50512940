package io.dashcache.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.domain.UserId;
import io.dashcache.testsupport.RedisTestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** docs/embedding.md's example, as an application would write it: about ten lines from nothing to a cached read. */
class EmbeddingExampleTest {

    private final String prefix = RedisTestServer.uniquePrefix();
    private final AtomicInteger engineCalls = new AtomicInteger();

    @AfterEach
    void removeKeys() {
        RedisTestServer.deleteKeys(prefix);
    }

    @Test
    void an_application_embeds_both_tiers_in_ten_lines() throws Exception {
        // --- the example: what an application writes ---
        try (DashcacheClient cache = DashcacheClient.builder()
                .redis(RedisTestServer.url())
                .keyPrefix(prefix)
                .l1MaxBytes(64 << 20)
                .ttl(DataType.OVERVIEW, Duration.ofMinutes(5))
                .loader(key -> engineJson(key))
                .build()) {
            CacheKey overview = CacheKey.forUser(DataType.OVERVIEW, UserId.of("42"));
            DashboardRead first = cache.get(overview);
            DashboardRead second = cache.getAsync(overview).get(5, TimeUnit.SECONDS);
            // --- end of the example ---

            assertThat(first.outcome()).isEqualTo(CacheOutcome.MISS);
            assertThat(new String(first.entry().payload(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"key\":\"overview:user:42\"}");
            assertThat(second.outcome()).isEqualTo(CacheOutcome.L1_HIT);
            assertThat(second.entry().etag()).isEqualTo(first.entry().etag());
            assertThat(engineCalls).hasValue(1);
        }
    }

    @Test
    void without_redis_the_client_is_l1_only_and_still_loads_once() {
        try (DashcacheClient cache = DashcacheClient.builder().redis("none").loader(this::engineJson).build()) {
            CacheKey status = CacheKey.global(DataType.SYSTEM_STATUS);

            assertThat(cache.get(status).outcome()).isEqualTo(CacheOutcome.MISS);
            assertThat(cache.get(status).outcome()).isEqualTo(CacheOutcome.L1_HIT);
            assertThat(cache.namedCache("things").get("a", () -> new byte[] {1})).containsExactly(1);
            assertThat(cache.namedCache("things").get("a", () -> new byte[] {2})).containsExactly(1);
            assertThat(engineCalls).hasValue(1);
        }
    }

    private byte[] engineJson(CacheKey key) {
        engineCalls.incrementAndGet();
        return ("{\"key\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
