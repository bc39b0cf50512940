/**
 * The one cache engine: {@link io.dashcache.application.engine.TieredCache} reads every key (a
 * dashboard part or a named cache's entry) through L1, L2 and its loader, with single flight, load
 * leases, the compare-and-set against versioned scopes, stale-while-revalidate, refresh ahead, TTL
 * jitter and metrics; {@link io.dashcache.application.engine.CacheInvalidator} bumps scopes, drops L1
 * and broadcasts. Each guarantee lives here once; the use cases are layers on it.
 */
package io.dashcache.application.engine;
