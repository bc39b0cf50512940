/**
 * The Spring Boot starter: {@link io.dashcache.spring.boot.DashcacheAutoConfiguration} gives an application with
 * {@code @EnableCaching} dashcache's {@code CacheManager} from {@code dashcache.*}
 * ({@link io.dashcache.spring.boot.DashcacheProperties}), a {@code dashcache} health indicator and metrics in the
 * application's registry. Wiring only: the cache is the embedded client's, the Spring contract the adapter's.
 */
package io.dashcache.spring.boot;
