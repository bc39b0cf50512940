package io.dashcache.spring.boot;

import static io.dashcache.spring.boot.InvalidDashcacheProperty.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dashcache.adapters.spring.cache.DashcacheCacheManager;
import io.dashcache.embedded.DashcacheClient;
import io.dashcache.embedded.DashcacheClientBuilder;
import io.dashcache.spring.boot.DashcacheProperties.CacheSpec;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * dashcache for an application with {@code @EnableCaching}: a {@link DashcacheClient} from {@code dashcache.*}
 * (metrics in the application's {@link MeterRegistry} when it has one), a {@link DashcacheCacheManager} with
 * the declared caches (which Boot's {@code caches} endpoint lists, as it lists every {@code CacheManager}),
 * and a health indicator named {@code dashcache} when actuator's health support is there.
 *
 * <p>Follows Boot's own cache auto-configuration: it runs before it, only when caching is enabled (a
 * {@link CacheAspectSupport} bean exists), and the manager backs off when the application defines a
 * {@link CacheManager} or a {@code cacheResolver}. The client backs off when the application defines its own
 * {@link DashcacheClient}; the manager is then built on the application's client.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration",
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({CacheManager.class, DashcacheCacheManager.class})
@ConditionalOnBean(CacheAspectSupport.class)
@EnableConfigurationProperties(DashcacheProperties.class)
public class DashcacheAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DashcacheClient dashcacheClient(DashcacheProperties properties, ObjectProvider<MeterRegistry> registry) {
        DashcacheClientBuilder builder = DashcacheClient.builder();
        check("dashcache.redis-url", () -> builder.redis(properties.redisUrl()));
        check("dashcache.key-prefix", () -> builder.keyPrefix(properties.keyPrefix()));
        check("dashcache.l1-max-bytes", () -> builder.l1MaxBytes(properties.l1MaxBytes().toBytes()));
        check("dashcache.l1-ttl", () -> builder.l1Ttl(properties.l1Ttl()));
        registry.ifUnique(builder::meterRegistry);
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean(value = CacheManager.class, name = "cacheResolver")
    DashcacheCacheManager cacheManager(DashcacheClient client, DashcacheProperties properties,
                                       ObjectProvider<ObjectMapper> mapper) {
        DashcacheCacheManager.Builder builder = DashcacheCacheManager.builder(client)
                .allowNullValues(properties.allowNullValues());
        if (properties.caches().values().stream().anyMatch(spec -> spec.type() == DashcacheProperties.ValueType.JSON)) {
            // Boot 4 configures Jackson 3 (tools.jackson); the adapter speaks Jackson 2, so an application's
            // Jackson 2 mapper is used when there is one, else a plain one with the modules on the class path
            builder.objectMapper(mapper.getIfUnique(() -> JsonMapper.builder().findAndAddModules().build()));
        }
        properties.caches().forEach((name, spec) -> declare(builder, name, spec));
        try {
            return builder.build();
        } catch (IllegalStateException e) {
            throw new InvalidDashcacheProperty("dashcache.caches", e.getMessage(), e);
        }
    }

    private static void declare(DashcacheCacheManager.Builder builder, String name, CacheSpec spec) {
        String property = "dashcache.caches." + name;
        switch (spec.type()) {
            case JSON -> {
                if (spec.valueClass() == null) {
                    throw new InvalidDashcacheProperty(property + ".value-class",
                            "a json cache needs the class its values are read back as", null);
                }
                check(property, () -> builder.json(name, spec.valueClass()));
            }
            case STRING, BYTES -> {
                if (spec.valueClass() != null) {
                    throw new InvalidDashcacheProperty(property + ".value-class",
                            "only json caches take a value class; this one is " + spec.type().name().toLowerCase(), null);
                }
                check(property, () -> {
                    if (spec.type() == DashcacheProperties.ValueType.STRING) {
                        builder.strings(name);
                    } else {
                        builder.bytes(name);
                    }
                });
            }
        }
        check(property + ".ttl", () -> builder.ttl(name, spec.ttl()));
        if (!spec.nullTtl().isZero()) {
            check(property + ".null-ttl", () -> builder.nullTtl(name, spec.nullTtl()));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class DashcacheHealthConfiguration {

        @Bean
        @ConditionalOnEnabledHealthIndicator("dashcache")
        @ConditionalOnMissingBean(name = "dashcacheHealthIndicator")
        HealthIndicator dashcacheHealthIndicator(DashcacheClient client, DashcacheProperties properties) {
            return new DashcacheHealthIndicator(client, properties.hasRedis());
        }
    }
}
