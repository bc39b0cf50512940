/**
 * Spring's cache abstraction on dashcache: {@link io.dashcache.adapters.spring.cache.DashcacheCacheManager}
 * gives {@code @Cacheable}, {@code @CachePut} and {@code @CacheEvict} both tiers and cross-instance
 * invalidation through the embedded client's named caches. Spring lives here and in bootstrap only.
 */
package io.dashcache.adapters.spring.cache;
