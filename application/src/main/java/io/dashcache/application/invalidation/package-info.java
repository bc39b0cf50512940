/** What makes dashboard data stale: engine events (applied once, by event id) and writes through to the engine. */
package io.dashcache.application.invalidation;
