package io.dashcache.adapters.spring.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dashcache.embedded.DashcacheClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;

class DashcacheCacheManagerTest {

    private final DashcacheClient client = DashcacheClient.builder().build();

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void strings_bytes_and_nulls_come_back_as_they_went_in() {
        DashcacheCacheManager manager = DashcacheCacheManager.builder(client).strings("names").bytes("blobs").build();
        Cache names = manager.getCache("names");
        Cache blobs = manager.getCache("blobs");

        names.put("a", "Ann");
        names.put("nothing", null);
        blobs.put(42, new byte[] {1, 2});

        assertThat(names.get("a", String.class)).isEqualTo("Ann");
        assertThat(names.get("nothing")).isNotNull().extracting(Cache.ValueWrapper::get).isNull();
        assertThat(names.get("missing")).isNull();
        assertThat((byte[]) blobs.get(42).get()).containsExactly(1, 2);
        assertThat(manager.getCacheNames()).containsExactly("names", "blobs");
    }

    @Test
    void a_value_of_another_type_than_declared_is_refused() {
        Cache names = DashcacheCacheManager.builder(client).strings("names").build().getCache("names");

        assertThatThrownBy(() -> names.put("a", 17)).hasMessage("this cache holds String, not java.lang.Integer");
    }

    @Test
    void a_loader_failure_reaches_the_caller_as_springs_retrieval_exception() {
        Cache names = DashcacheCacheManager.builder(client).strings("names").build().getCache("names");

        assertThatThrownBy(() -> names.get("a", () -> {
            throw new java.io.IOException("disk gone");
        })).isInstanceOf(Cache.ValueRetrievalException.class).hasRootCauseMessage("disk gone");
    }

    @Test
    void declarations_fail_fast_with_what_is_wrong() {
        assertThatThrownBy(() -> DashcacheCacheManager.builder(client).build())
                .hasMessageStartingWith("declare at least one cache");
        assertThatThrownBy(() -> DashcacheCacheManager.builder(client).json("books", String.class))
                .hasMessageContaining("needs objectMapper(..)");
        assertThatThrownBy(() -> DashcacheCacheManager.builder(client).strings("a").bytes("a"))
                .hasMessage("cache 'a' is declared twice");
        assertThatThrownBy(() -> DashcacheCacheManager.builder(client).objectMapper(new ObjectMapper())
                .json("bad name", String.class)).hasMessageContaining("cache name must be");
    }
}
