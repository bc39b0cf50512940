/**
 * dashcache inside an application's own JVM, without Spring: {@link io.dashcache.embedded.DashcacheClient}
 * (built by {@link io.dashcache.embedded.DashcacheClientBuilder}) assembles the application's read
 * path, invalidation and Redis adapters like bootstrap does for the service, and
 * {@link io.dashcache.embedded.NamedCache} puts an application's own string-keyed caches on the same
 * two tiers. A composition root: nothing but the Spring cache adapter and tests depend on it.
 */
package io.dashcache.embedded;
