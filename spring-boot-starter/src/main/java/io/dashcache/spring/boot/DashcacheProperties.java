package io.dashcache.spring.boot;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code dashcache.*} properties, bound once at start-up. Only the shape is checked here (Boot
 * names the property when a value does not convert); the ranges are the client builder's, and a
 * value it refuses fails start-up with the property's name ({@link InvalidDashcacheProperty}).
 *
 * <pre>
 * dashcache.redis-url=redis://127.0.0.1:6379
 * dashcache.key-prefix=shop
 * dashcache.caches.books.value-class=com.example.Book
 * dashcache.caches.books.ttl=5m
 * dashcache.caches.titles.type=string
 * </pre>
 *
 * @param redisUrl        the shared tier ({@code redis://}, {@code redis-cluster://}, {@code redis-sentinel://},
 *                        {@code rediss...}); {@code none} (the default): L1-only, no cross-instance eviction
 * @param keyPrefix       first segment of every Redis key and channel; instances that share caches share it
 * @param l1MaxBytes      memory bound of this instance's L1 ({@code 64MB}, or a number of bytes)
 * @param l1Ttl           longest time an entry stays in L1 (a lost broadcast heals within it)
 * @param allowNullValues whether a method's {@code null} is cached
 * @param caches          the caches {@code @Cacheable} may name; any other name is refused by Spring
 */
@ConfigurationProperties("dashcache")
public record DashcacheProperties(
        @DefaultValue("none") String redisUrl,
        @DefaultValue("dash") String keyPrefix,
        @DefaultValue("256MB") DataSize l1MaxBytes,
        @DefaultValue("30s") Duration l1Ttl,
        @DefaultValue("true") boolean allowNullValues,
        Map<String, CacheSpec> caches) {

    public DashcacheProperties {
        caches = caches == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(caches));
    }

    /** Whether a Redis is configured (else the client is L1-only). */
    public boolean hasRedis() {
        return !"none".equals(redisUrl);
    }

    /**
     * One cache.
     *
     * @param type       how values are stored: {@code json} (the default, read back as {@code value-class}),
     *                   {@code string} (UTF-8) or {@code bytes} (as they are)
     * @param valueClass the class JSON values are read back as (json caches only)
     * @param ttl        how long an entry stays fresh
     * @param nullTtl    how long a cached {@code null} is kept (0: for the ttl, like any value)
     */
    public record CacheSpec(
            @DefaultValue("json") ValueType type,
            Class<?> valueClass,
            @DefaultValue("10m") Duration ttl,
            @DefaultValue("0s") Duration nullTtl) {
    }

    /** How a cache's values are stored. */
    public enum ValueType {
        JSON,
        STRING,
        BYTES
    }
}
