package io.dashcache.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.domain.DataType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DashcacheClientBuilderTest {

    @Test
    void a_client_without_a_dashboard_loader_serves_named_caches_and_says_what_to_call_for_dashboard_reads() {
        try (DashcacheClient client = DashcacheClient.builder().build()) {
            assertThat(client.namedCache("orders").get("17", () -> new byte[] {'{', '}'})).containsExactly('{', '}');
            assertThatThrownBy(() -> client.get(io.dashcache.domain.CacheKey.global(DataType.SYSTEM_STATUS)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(".loader(key -> bytes)");
        }
    }

    @Test
    void bad_settings_fail_at_the_setter_that_takes_them() {
        assertThatThrownBy(() -> DashcacheClient.builder().keyPrefix("a:b"))
                .hasMessageContaining("key prefix must be 1 to 32 characters");
        assertThatThrownBy(() -> DashcacheClient.builder().l1MaxBytes(0))
                .hasMessage("l1MaxBytes must be positive, got 0");
        assertThatThrownBy(() -> DashcacheClient.builder().ttl(DataType.OVERVIEW, Duration.ZERO))
                .hasMessageContaining("TTL of overview must be from 1 second to 7 days");
        assertThatThrownBy(() -> DashcacheClient.builder().redis("http://example.com"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DashcacheClient.builder().loadParallelism(0))
                .hasMessage("loadParallelism must be from 1 to 64, got 0");
    }

    @Test
    void a_named_cache_needs_a_name_fit_for_a_redis_key() {
        try (DashcacheClient client = DashcacheClient.builder().loader(key -> null).build()) {
            assertThatThrownBy(() -> client.namedCache("orders:*"))
                    .hasMessageContaining("cache name must be 1 to 64 characters");
        }
    }

    @Test
    void a_closed_client_says_so() {
        DashcacheClient client = DashcacheClient.builder().loader(key -> null).build();
        client.close();

        assertThatThrownBy(() -> client.namedCache("orders")).hasMessage("this DashcacheClient is closed");
    }
}
