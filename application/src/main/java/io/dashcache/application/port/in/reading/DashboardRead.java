package io.dashcache.application.port.in.reading;

import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheOutcome;

/** An answer and where it came from ({@code X-Cache}). An absent entry means the engine said 404. */
public record DashboardRead(CacheEntry entry, CacheOutcome outcome) {
}
