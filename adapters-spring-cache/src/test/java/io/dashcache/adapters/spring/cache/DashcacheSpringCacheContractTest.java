package io.dashcache.adapters.spring.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dashcache.embedded.DashcacheClient;
import io.dashcache.embedded.NamedCache;
import io.dashcache.testsupport.RedisTestServer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.cache.Cache;
import org.springframework.cache.support.NullValue;

/**
 * The {@link Cache} contract as Spring's own provider conformance tests state it
 * ({@code AbstractCacheTests} and {@code AbstractValueAdaptingCacheTests} in spring-context's test
 * fixtures, which its Caffeine, JCache and Redis caches pass), against the adapter on a real Redis,
 * plus the async {@code retrieve} that {@code @Cacheable} on a {@code CompletableFuture} method uses.
 */
class DashcacheSpringCacheContractTest {

    private static final String CACHE_NAME = "testCache";
    private static final String CACHE_NAME_NO_NULL = "testCacheNoNull";

    private final String prefix = RedisTestServer.uniquePrefix();
    private DashcacheClient client;
    private DashcacheSpringCache cache;

    @BeforeEach
    void start() {
        client = DashcacheClient.builder().redis(RedisTestServer.url()).keyPrefix(prefix).build();
        cache = cache(true);
    }

    @AfterEach
    void stop() {
        client.close();
        RedisTestServer.deleteKeys(prefix);
    }

    private DashcacheSpringCache cache(boolean allowNull) {
        return new DashcacheSpringCache(client.namedCache(allowNull ? CACHE_NAME : CACHE_NAME_NO_NULL),
                new JacksonValueSerializer(new ObjectMapper(), Object.class), allowNull); // strings and numbers
    }

    private static String randomKey() {
        return UUID.randomUUID().toString();
    }

    @Test
    void its_name_and_native_cache_are_the_named_caches() {
        assertThat(cache.getName()).isEqualTo(CACHE_NAME);
        assertThat(cache.getNativeCache()).isSameAs(client.namedCache(CACHE_NAME)).isInstanceOf(NamedCache.class);
    }

    @Test
    void a_put_value_reads_back_and_a_put_null_or_any_null_value_reads_back_as_null() {
        String key = randomKey();
        assertThat(cache.get(key)).isNull();
        assertThat(cache.get(key, String.class)).isNull();
        assertThat(cache.get(key, Object.class)).isNull();

        cache.put(key, "george");
        assertThat(cache.get(key).get()).isEqualTo("george");
        assertThat(cache.get(key, String.class)).isEqualTo("george");
        assertThat(cache.get(key, Object.class)).isEqualTo("george");
        assertThat(cache.get(key, (Class<?>) null)).isEqualTo("george");

        cache.put(key, null);
        assertThat(cache.get(key)).isNotNull();
        assertThat(cache.get(key).get()).isNull();
        assertThat(cache.get(key, String.class)).isNull();

        // a NullValue that is not the singleton (made by reflection or deserialization) means null too
        cache.put(key, BeanUtils.instantiateClass(NullValue.class));
        assertThat(cache.get(key)).isNotNull();
        assertThat(cache.get(key).get()).isNull();
        assertThat(cache.get(key, Object.class)).isNull();
    }

    @Test
    void put_if_absent_keeps_the_first_value() {
        String key = randomKey();
        assertThat(cache.putIfAbsent(key, "initialValue")).isNull();
        assertThat(cache.get(key).get()).isEqualTo("initialValue");
        assertThat(cache.putIfAbsent(key, "anotherValue").get()).isEqualTo("initialValue");
        assertThat(cache.get(key).get()).isEqualTo("initialValue");
    }

    @Test
    void evict_and_clear_remove_what_was_put() {
        String key = randomKey();
        cache.put(key, "george");
        cache.evict(key);
        assertThat(cache.get(key)).isNull();

        cache.put("enescu", "george");
        cache.put("vlaicu", "aurel");
        cache.clear();
        assertThat(cache.get("vlaicu")).isNull();
        assertThat(cache.get("enescu")).isNull();
    }

    @Test
    void a_value_loader_runs_on_a_miss_and_its_value_or_null_is_cached() {
        for (Object returned : new Object[] {"test", null}) {
            String key = randomKey();
            assertThat(cache.get(key)).isNull();
            Object value = cache.get(key, () -> returned);
            assertThat(value).isEqualTo(returned);
            assertThat(cache.get(key).get()).isEqualTo(value);
        }
    }

    @Test
    void a_value_loader_is_not_called_on_a_hit_even_of_null() {
        for (Object initial : new Object[] {"existing", null}) {
            String key = randomKey();
            cache.put(key, initial);
            Object value = cache.get(key, () -> {
                throw new IllegalStateException("Should not have been invoked");
            });
            assertThat(value).isEqualTo(initial);
        }
    }

    @Test
    void a_failing_value_loader_is_a_value_retrieval_exception_with_its_cause() {
        String key = randomKey();
        assertThatThrownBy(() -> cache.get(key, () -> {
            throw new UnsupportedOperationException("Expected exception");
        })).isInstanceOf(Cache.ValueRetrievalException.class)
                .cause().isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void concurrent_gets_with_a_value_loader_invoke_it_once() throws InterruptedException {
        AtomicInteger counter = new AtomicInteger();
        List<Object> results = new CopyOnWriteArrayList<>();
        CountDownLatch latch = new CountDownLatch(10);
        String key = randomKey();
        Runnable run = () -> {
            try {
                results.add(cache.get(key, () -> {
                    Thread.sleep(50); // make sure the threads overlap
                    return counter.incrementAndGet();
                }));
            } finally {
                latch.countDown();
            }
        };
        for (int i = 0; i < 10; i++) {
            new Thread(run).start();
        }
        assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(results).hasSize(10).containsOnly(1);
    }

    @Test
    void a_cache_that_allows_no_nulls_refuses_to_put_one_naming_itself() {
        DashcacheSpringCache noNulls = cache(false);
        assertThatIllegalArgumentException().isThrownBy(() -> noNulls.put(randomKey(), null))
                .withMessageContaining(CACHE_NAME_NO_NULL)
                .withMessageContaining("is configured to not allow null values but null was provided");
    }

    @Test
    void retrieve_answers_null_on_a_miss_and_the_value_wrapped_on_a_hit() throws Exception {
        String key = randomKey();
        assertThat(cache.retrieve(key)).isNull();

        cache.put(key, "george");

        assertThat(((Cache.ValueWrapper) cache.retrieve(key).get(5, TimeUnit.SECONDS)).get()).isEqualTo("george");
    }

    @Test
    void retrieve_with_a_loader_loads_once_and_then_answers_from_the_cache() throws Exception {
        String key = randomKey();
        AtomicInteger loads = new AtomicInteger();

        CompletableFuture<String> first = cache.retrieve(key,
                () -> CompletableFuture.supplyAsync(() -> "loaded-" + loads.incrementAndGet()));
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("loaded-1");
        CompletableFuture<String> second = cache.retrieve(key,
                () -> CompletableFuture.supplyAsync(() -> "loaded-" + loads.incrementAndGet()));

        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("loaded-1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void a_failing_async_loader_fails_the_future_with_its_cause() {
        CompletableFuture<String> failed = cache.retrieve(randomKey(),
                () -> CompletableFuture.failedFuture(new IllegalStateException("engine down (test)")));

        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("engine down (test)");
    }
}
