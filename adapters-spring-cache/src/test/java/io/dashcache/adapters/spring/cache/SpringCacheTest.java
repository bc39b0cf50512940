package io.dashcache.adapters.spring.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dashcache.embedded.DashcacheClient;
import io.dashcache.testsupport.RedisTestServer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
    void a_cache_evict_during_a_slow_cacheable_in_the_other_application_leaves_neither_with_the_old_value()
            throws Exception {
        Catalogue here = first.getBean(Catalogue.class);
        Catalogue there = second.getBean(Catalogue.class);
        TITLE.set("v1");
        readTheTitle = new CountDownLatch(1);
        mayReturn = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Book> slow = pool.submit(() -> there.title("b-9"));
            assertThat(readTheTitle.await(5, TimeUnit.SECONDS)).isTrue();

            TITLE.set("v2");
            here.changed("b-9");
            mayReturn.countDown();

            assertThat(slow.get(5, TimeUnit.SECONDS).title()).isEqualTo("v1");
            assertThat(there.title("b-9").title()).isEqualTo("v2");
            assertThat(here.title("b-9").title()).isEqualTo("v2");
            assertThat(there.title("b-9").title()).isEqualTo("v2");
        } finally {
            mayReturn.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void a_cache_that_was_not_declared_is_refused() {
        assertThatThrownBy(() -> books.undeclared("x")).hasMessageContaining("Cannot find cache named 'undeclared'");
    }

    public record Book(String id, String title) {
    }

    /**
     * The title every application's catalogue reads (the shared source of truth, like a database), and a
     * way to hold one read between reading it and returning.
     */
    static final AtomicReference<String> TITLE = new AtomicReference<>("v1");
    static volatile CountDownLatch readTheTitle = new CountDownLatch(0);
    static volatile CountDownLatch mayReturn = new CountDownLatch(0);

    public static class Catalogue {

        @Cacheable("books")
        public Book title(String id) {
            Book book = new Book(id, TITLE.get());
            readTheTitle.countDown();
            try {
                mayReturn.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return book;
        }

        @CacheEvict("books")
        public void changed(String id) {
        }
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
                    .build();                      // no dashboard loader: named caches bring their own
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

        @Bean
        Catalogue catalogue() {
            return new Catalogue();
        }
    }
}
