package io.dashcache.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.adapters.spring.cache.DashcacheCacheManager;
import io.dashcache.embedded.DashcacheClient;
import io.dashcache.embedded.NamedCache;
import io.dashcache.testsupport.RedisTestServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.actuate.endpoint.CachesEndpoint;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CachesEndpointAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The starter in Boot's own test support, on the real Redis, as an application would start it. */
class DashcacheAutoConfigurationTest {

    private final String prefix = RedisTestServer.uniquePrefix();

    /** Boot's cache auto-configuration is there too, so backing off from it is checked, not assumed. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DashcacheAutoConfiguration.class, CacheAutoConfiguration.class))
            .withUserConfiguration(Shop.App.class)
            .withPropertyValues(
                    "dashcache.redis-url=" + RedisTestServer.url(),
                    "dashcache.key-prefix=" + prefix,
                    "dashcache.caches.books.value-class=" + Shop.Book.class.getName(),
                    "dashcache.caches.titles.type=string");

    @AfterEach
    void deleteKeys() {
        RedisTestServer.deleteKeys(prefix);
    }

    @Test
    void the_properties_bind_into_the_client_and_the_declared_caches() {
        runner.withPropertyValues("dashcache.l1-max-bytes=64MB", "dashcache.l1-ttl=5s",
                "dashcache.caches.books.ttl=5m", "dashcache.caches.titles.ttl=1m").run(context -> {
            DashcacheProperties properties = context.getBean(DashcacheProperties.class);
            assertThat(properties.l1MaxBytes()).isEqualTo(DataSize.ofMegabytes(64));
            assertThat(properties.l1Ttl()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.caches().get("books").type()).isEqualTo(DashcacheProperties.ValueType.JSON);
            assertThat(properties.caches().get("titles").type()).isEqualTo(DashcacheProperties.ValueType.STRING);

            assertThat(context).hasSingleBean(DashcacheClient.class).getBean(CacheManager.class)
                    .isInstanceOf(DashcacheCacheManager.class);
            assertThat(context.getBean(CacheManager.class).getCacheNames()).containsExactly("books", "titles");
            CacheManager caches = context.getBean(CacheManager.class);
            assertThat(((NamedCache) caches.getCache("books").getNativeCache()).options().ttl())
                    .isEqualTo(Duration.ofMinutes(5));
            assertThat(((NamedCache) caches.getCache("titles").getNativeCache()).options().ttl())
                    .as("each cache its own TTL").isEqualTo(Duration.ofMinutes(1));

            Shop.Books books = context.getBean(Shop.Books.class);
            assertThat(books.find("b-1")).isEqualTo(new Shop.Book("b-1", "title of b-1"));
            assertThat(books.find("b-1")).isEqualTo(new Shop.Book("b-1", "title of b-1"));
            assertThat(books.title("b-1")).isEqualTo("title of b-1");
            assertThat(books.title("b-1")).isEqualTo("title of b-1");
            assertThat(books.loads()).isEqualTo(2);
        });
    }

    @Test
    void without_enable_caching_the_starter_configures_nothing() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DashcacheAutoConfiguration.class, CacheAutoConfiguration.class))
                .withUserConfiguration(Shop.PlainApp.class)
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(DashcacheClient.class).doesNotHaveBean(CacheManager.class));
    }

    @Test
    void a_bad_key_prefix_fails_start_up_naming_the_property() {
        runner.withPropertyValues("dashcache.key-prefix=shop:eu").run(context ->
                assertThat(failure(context, "dashcache.key-prefix")).contains("shop:eu"));
    }

    @Test
    void a_value_that_does_not_convert_fails_start_up_naming_the_property() {
        runner.withPropertyValues("dashcache.caches.books.type=xml").run(context ->
                assertThat(bindFailure(context)).contains("Failed to bind properties under 'dashcache.caches.books.type'"));
        runner.withPropertyValues("dashcache.caches.books.value-class=com.example.NoSuchBook").run(context ->
                assertThat(bindFailure(context))
                        .contains("Failed to bind properties under 'dashcache.caches.books.value-class'"));
    }

    @Test
    void a_json_cache_without_its_value_class_and_other_refused_values_fail_start_up_naming_the_property() {
        runner.withPropertyValues("dashcache.caches.orders.ttl=10m").run(context ->
                assertThat(failure(context, "dashcache.caches.orders.value-class")).contains("json cache"));
        runner.withPropertyValues("dashcache.redis-url=http://127.0.0.1:6379").run(context ->
                failure(context, "dashcache.redis-url"));
        runner.withPropertyValues("dashcache.l1-max-bytes=0").run(context -> failure(context, "dashcache.l1-max-bytes"));
        runner.withPropertyValues("dashcache.caches.books.null-ttl=-1s").run(context ->
                failure(context, "dashcache.caches.books.null-ttl"));
        runner.withPropertyValues("dashcache.caches.books.ttl=8d", "dashcache.caches.titles.ttl=8d").run(context ->
                failure(context, "dashcache.caches.books.ttl"));
    }

    @Test
    void start_up_failure_is_analyzed_into_the_property_and_what_to_do() {
        runner.withPropertyValues("dashcache.key-prefix=").run(context -> {
            FailureAnalysis analysis = new InvalidDashcachePropertyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).startsWith("dashcache could not start: dashcache.key-prefix: ");
            assertThat(analysis.getAction()).contains("'dashcache.key-prefix'");
        });
    }

    @Test
    void an_application_cache_manager_is_kept_and_boots_own_stays_away() {
        runner.withUserConfiguration(OwnCacheManager.class).run(context -> {
            assertThat(context).hasSingleBean(CacheManager.class);
            assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
        });
    }

    @Test
    void an_application_client_is_kept_and_the_caches_are_made_on_it() {
        runner.withUserConfiguration(OwnClient.class).run(context -> {
            assertThat(context).hasSingleBean(DashcacheClient.class);
            DashcacheClient own = context.getBean(DashcacheClient.class);
            assertThat(own).isSameAs(context.getBean(OwnClient.class).client);
            assertThat(context.getBean(CacheManager.class).getCache("books").getNativeCache())
                    .isSameAs(own.namedCache("books"));
        });
    }

    @Test
    void two_applications_on_one_prefix_see_each_others_evictions() {
        runner.run(first -> runner.run(second -> {
            awaitSubscribed(first, second);
            Shop.Books books = first.getBean(Shop.Books.class);
            Shop.Books otherBooks = second.getBean(Shop.Books.class);

            books.find("b-2");
            otherBooks.find("b-2");
            assertThat(books.loads()).isEqualTo(1);
            assertThat(otherBooks.loads()).as("the other application reads the first one's load from Redis").isEqualTo(0);
            otherBooks.find("b-3");
            otherBooks.find("b-3");
            assertThat(otherBooks.loads()).isEqualTo(1);

            int before = otherBooks.loads();
            books.evict("b-3");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                otherBooks.find("b-3");
                assertThat(otherBooks.loads()).isEqualTo(before + 1);
            });
        }));
    }

    @Test
    void a_cached_null_is_kept_for_the_null_ttl_only() {
        runner.withPropertyValues("dashcache.caches.books.null-ttl=300ms", "dashcache.caches.titles.null-ttl=300ms")
                .run(context -> {
                    Shop.Books books = context.getBean(Shop.Books.class);
                    books.find("b-4");
                    assertThat(books.find("missing-1")).isNull();
                    assertThat(books.find("missing-1")).isNull();
                    assertThat(books.loads()).isEqualTo(2);
                    // fresh for the null-ttl, then served stale for the engine's grace (at least 5 s)
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                        books.find("missing-1");
                        assertThat(books.loads()).isEqualTo(3);
                    });
                    books.find("b-4");
                    assertThat(books.loads()).as("a value keeps the cache's ttl").isEqualTo(3);
                });
    }

    @Test
    void health_is_up_when_redis_answers_and_the_subscription_holds() {
        withHealth(runner).run(context -> {
            awaitSubscribed(context);
            Health health = context.getBean("dashcacheHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("redis", "answers reads")
                    .containsKey("subscription");
        });
    }

    @Test
    void health_is_down_with_a_redis_that_does_not_answer_and_says_so_in_dashcache_words() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        withHealth(runner).withPropertyValues("dashcache.redis-url=redis://127.0.0.1:" + closedPort).run(context -> {
            Health health = context.getBean("dashcacheHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("redis").toString()).startsWith("does not answer");
            assertThat(health.getDetails().get("subscription").toString()).startsWith("lost");
            assertThat(health.getDetails().toString()).doesNotContain("Exception");
        });
    }

    @Test
    void health_of_an_l1_only_client_is_up_and_says_it_is_l1_only() {
        withHealth(runner).withPropertyValues("dashcache.redis-url=none").run(context -> {
            Health health = context.getBean("dashcacheHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails().get("mode").toString()).startsWith("L1-only");
        });
    }

    @Test
    void the_health_indicator_can_be_switched_off_like_boots_own() {
        withHealth(runner).withPropertyValues("management.health.dashcache.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean("dashcacheHealthIndicator"));
    }

    @Test
    void the_caches_endpoint_lists_dashcaches_caches() {
        runner.withConfiguration(AutoConfigurations.of(CachesEndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=caches").run(context -> {
                    CachesEndpoint.CachesDescriptor caches = context.getBean(CachesEndpoint.class).caches();
                    assertThat(caches.getCacheManagers()).containsOnlyKeys("cacheManager");
                    assertThat(caches.getCacheManagers().get("cacheManager").getCaches()).containsOnlyKeys("books", "titles");
                });
    }

    @Test
    void meters_appear_in_the_applications_registry() {
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class)).run(context -> {
                    Shop.Books books = context.getBean(Shop.Books.class);
                    books.find("b-5");
                    books.title("b-5");
                    books.title("b-5");
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.find("dashcache.redis.command.duration").tags("operation", "read", "result", "success")
                            .timer()).as("L2 reads, timed").isNotNull()
                            .satisfies(reads -> assertThat(reads.count()).isGreaterThanOrEqualTo(1));
                    // Micrometer's cache convention, derived from dashcache's own counters when read
                    assertThat(registry.find("cache.gets").tags("cache", "app.titles", "result", "hit").functionCounter())
                            .as("a sync read's hit").isNotNull()
                            .satisfies(hits -> assertThat(hits.count()).isEqualTo(1));
                });
    }

    private static ApplicationContextRunner withHealth(ApplicationContextRunner runner) {
        return runner.withConfiguration(AutoConfigurations.of(
                org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration.class));
    }

    private static String failure(AssertableApplicationContext context, String property) {
        assertThat(context).hasFailed();
        Throwable cause = context.getStartupFailure();
        while (!(cause instanceof InvalidDashcacheProperty) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(InvalidDashcacheProperty.class);
        assertThat(((InvalidDashcacheProperty) cause).property()).isEqualTo(property);
        assertThat(cause.getMessage()).startsWith(property + ": ");
        return cause.getMessage();
    }

    /** Boot's own binding failure, which its failure analyzer prints with the property and the value. */
    private static String bindFailure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable cause = context.getStartupFailure();
        while (!(cause instanceof org.springframework.boot.context.properties.bind.BindException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(org.springframework.boot.context.properties.bind.BindException.class);
        return cause.getMessage();
    }

    private static void awaitSubscribed(AssertableApplicationContext... contexts) {
        await().atMost(Duration.ofSeconds(5)).until(() -> java.util.Arrays.stream(contexts)
                .allMatch(context -> context.getBean(DashcacheClient.class).isSubscribed()));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnCacheManager {
        @Bean
        CacheManager cacheManager() {
            return new ConcurrentMapCacheManager("books");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {
        final DashcacheClient client = DashcacheClient.builder().build();

        @Bean
        DashcacheClient dashcache() {
            return client;
        }
    }
}
