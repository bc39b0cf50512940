package io.dashcache.adapters.spring.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dashcache.domain.KeyFormat;
import io.dashcache.embedded.DashcacheClient;
import io.dashcache.embedded.NamedCacheOptions;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * A Spring {@link CacheManager} on dashcache's two tiers: {@code @Cacheable}, {@code @CachePut} and
 * {@code @CacheEvict} read Caffeine, then Redis, then the method; an eviction or a put on one
 * instance drops the entry from every instance's L1; {@code allEntries = true} clears a cache on
 * every instance in O(1) (its version moves on).
 *
 * <pre>{@code
 * @Bean(destroyMethod = "close")
 * DashcacheClient dashcache() {
 *     return DashcacheClient.builder().redis("redis://127.0.0.1:6379").keyPrefix("shop")
 *             .build();                       // named caches need no dashboard loader
 * }
 *
 * @Bean
 * CacheManager cacheManager(DashcacheClient dashcache, ObjectMapper mapper) {
 *     return DashcacheCacheManager.builder(dashcache)
 *             .objectMapper(mapper)
 *             .json("books", Book.class)     // JSON, read back as Book (no default typing)
 *             .strings("titles")             // String values as UTF-8
 *             .bytes("covers")               // byte[] values as they are
 *             .ttl("books", Duration.ofMinutes(5)).nullTtl("books", Duration.ofSeconds(10))
 *             .build();
 * }
 * }</pre>
 *
 * <p>Every cache is declared with its value type: the manager answers {@code null} for any other
 * name, so Spring fails the first call with "Cannot find cache" instead of caching into an
 * unplanned cache. Values are never Java-serialized: a shared Redis must not decide which classes
 * get instantiated.
 */
public final class DashcacheCacheManager implements CacheManager {

    private final Map<String, Cache> caches;

    private DashcacheCacheManager(Map<String, Cache> caches) {
        this.caches = Collections.unmodifiableMap(caches);
    }

    public static Builder builder(DashcacheClient client) {
        return new Builder(client);
    }

    @Override
    public Cache getCache(String name) {
        return caches.get(name);
    }

    @Override
    public Collection<String> getCacheNames() {
        return caches.keySet();
    }

    /** Declares the caches; each name once, 1 to 64 of {@code [A-Za-z0-9._@-]}. */
    public static final class Builder {

        private final DashcacheClient client;
        private final Map<String, ValueSerializer> serializers = new LinkedHashMap<>();
        private final Map<String, Duration> ttls = new LinkedHashMap<>();
        private final Map<String, Duration> nullTtls = new LinkedHashMap<>();
        private ObjectMapper mapper;
        private boolean allowNullValues = true;

        private Builder(DashcacheClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** The mapper {@link #json} caches use (the application's own, configured once). */
        public Builder objectMapper(ObjectMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /** A cache of {@code type} values, as JSON. Needs {@link #objectMapper} first. */
        public Builder json(String name, Class<?> type) {
            if (mapper == null) {
                throw new IllegalStateException("json(\"" + name + "\", ...) needs objectMapper(..) to be set first");
            }
            return cache(name, new JacksonValueSerializer(mapper, type));
        }

        public Builder strings(String name) {
            return cache(name, ValueSerializer.strings());
        }

        public Builder bytes(String name) {
            return cache(name, ValueSerializer.bytes());
        }

        /** A cache with a serializer of its own. */
        public Builder cache(String name, ValueSerializer serializer) {
            KeyFormat.requireCacheName(name);
            Objects.requireNonNull(serializer, "serializer");
            if (serializers.putIfAbsent(name, serializer) != null) {
                throw new IllegalArgumentException("cache '" + name + "' is declared twice");
            }
            return this;
        }

        /** A TTL of a declared cache's own (1 ms to 7 days); default: the client's named-cache TTL. */
        public Builder ttl(String name, Duration ttl) {
            NamedCacheOptions.ttl(ttl); // refuses a bad one at once, in its words
            ttls.put(requireDeclared(name), ttl);
            return this;
        }

        /** How long a cached {@code null} of a declared cache lives, shorter than its values (default: as long). */
        public Builder nullTtl(String name, Duration nullTtl) {
            if (nullTtl == null || nullTtl.isNegative() || nullTtl.isZero()) {
                throw new IllegalArgumentException("the null TTL of cache '" + name + "' must be positive, got " + nullTtl);
            }
            nullTtls.put(requireDeclared(name), nullTtl);
            return this;
        }

        private String requireDeclared(String name) {
            if (!serializers.containsKey(name)) {
                throw new IllegalArgumentException("cache '" + name + "' is not declared (declare it first)");
            }
            return name;
        }

        /** Whether a method's {@code null} is cached (default true); when false, caching a null fails. */
        public Builder allowNullValues(boolean allow) {
            this.allowNullValues = allow;
            return this;
        }

        public DashcacheCacheManager build() {
            if (serializers.isEmpty()) {
                throw new IllegalStateException("declare at least one cache: json(name, type), strings(name), "
                        + "bytes(name) or cache(name, serializer)");
            }
            Map<String, Cache> caches = new LinkedHashMap<>();
            serializers.forEach((name, serializer) -> caches.put(name,
                    new DashcacheSpringCache(client.namedCache(name, options(name)), serializer, allowNullValues)));
            return new DashcacheCacheManager(caches);
        }

        private NamedCacheOptions options(String name) {
            NamedCacheOptions defaults = client.defaultNamedCacheOptions();
            NamedCacheOptions options = ttls.containsKey(name)
                    ? NamedCacheOptions.ttl(ttls.get(name)).withJitter(defaults.jitter()) : defaults;
            Duration nullTtl = nullTtls.get(name);
            return nullTtl == null ? options
                    : options.withTtlFunction((key, value) -> DashcacheSpringCache.isCachedNull(value) ? nullTtl : null);
        }
    }
}
