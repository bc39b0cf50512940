package io.dashcache.adapters.spring.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dashcache.embedded.DashcacheClient;
import io.dashcache.testsupport.RedisTestServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Two Spring applications on one Redis prefix, caching with the annotations through both tiers. */
class SpringCacheTest {

    /** How each context learns its Redis prefix (the contexts are built from the class). */
    private static final ThreadLocal<String> PREFIX = new ThreadLocal<>();

    private final String prefix = RedisTestServer.uniquePrefix();
    private AnnotationConfigApplicationContext first;
    private AnnotationConfigApplicationContext second;
    private BookService books;
    private BookService otherBooks;

    @BeforeEach
    void startTwoApplications() {
        PREFIX.set(prefix);
        first = new AnnotationConfigApplicationContext(ShopConfig.class);
        second = new AnnotationConfigApplicationContext(ShopConfig.class);
        PREFIX.remove();
        books = first.getBean(BookService.class);
        otherBooks = second.getBean(BookService.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> first.getBean(DashcacheClient.class).isSubscribed()
                && second.getBean(DashcacheClient.class).isSubscribed());
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        RedisTestServer.deleteKeys(prefix);
    }

    @Test
    void cacheable_loads_once_across_both_applications() {
        Book book = books.find("b-1");

        assertThat(books.find("b-1")).isEqualTo(book);
        assertThat(otherBooks.find("b-1")).isEqualTo(book);
        assertThat(books.loads()).hasValue(1);
        assertThat(otherBooks.loads()).hasValue(0);
    }

    @Test
    void an_eviction_in_one_application_makes_the_other_load_again() {
        otherBooks.find("b-2");
        otherBooks.find("b-2");
        assertThat(otherBooks.loads()).hasValue(1);

        books.evict("b-2");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            otherBooks.find("b-2");
            assertThat(otherBooks.loads()).hasValue(2);
        });
    }

    @Test
    void cache_put_overwrites_the_value_in_both_applications() {
        books.find("b-3");
        otherBooks.find("b-3");

        Book renamed = books.rename("b-3", "A new title");

        assertThat(books.find("b-3")).isEqualTo(renamed);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(otherBooks.find("b-3")).isEqualTo(renamed));
        assertThat(books.loads()).hasValue(1);
        assertThat(otherBooks.loads()).hasValue(0);
    }

    @Test
    void evicting_all_entries_clears_the_cache_everywhere() {
        books.find("b-4");
        otherBooks.find("b-5");

        books.evictAll();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            otherBooks.find("b-5");
            assertThat(otherBooks.loads()).hasValue(2);
        });
    }

    @Test
    void a_cache_that_was_not_declared_is_refused() {
        assertThatThrownBy(() -> books.undeclared("x")).hasMessageContaining("Cannot find cache named 'undeclared'");
    }

    public record Book(String id, String title) {
    }

    public static class BookService {

        private final AtomicInteger loads = new AtomicInteger();

        @Cacheable("books")
        public Book find(String id) {
            return new Book(id, "Title " + loads.incrementAndGet());
        }

        @CachePut(cacheNames = "books", key = "#id")
        public Book rename(String id, String title) {
            return new Book(id, title);
        }

        @CacheEvict("books")
        public void evict(String id) {
        }

        @CacheEvict(cacheNames = "books", allEntries = true)
        public void evictAll() {
        }

        @Cacheable("undeclared")
        public String undeclared(String id) {
            return id;
        }

        AtomicInteger loads() {
            return loads;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class ShopConfig {

        @Bean(destroyMethod = "close")
        DashcacheClient dashcache() {
            return DashcacheClient.builder()
                    .redis(RedisTestServer.url())
                    .keyPrefix(PREFIX.get())
                    .loader(key -> null)
                    .build();
        }

        @Bean
        CacheManager cacheManager(DashcacheClient dashcache) {
            return DashcacheCacheManager.builder(dashcache)
                    .objectMapper(new ObjectMapper())
                    .json("books", Book.class)
                    .build();
        }

        @Bean
        BookService bookService() {
            return new BookService();
        }
    }
}
