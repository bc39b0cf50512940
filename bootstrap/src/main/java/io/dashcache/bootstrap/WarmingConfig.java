package io.dashcache.bootstrap;

import io.dashcache.application.warming.WarmerSettings;
import java.time.Duration;

/**
 * The cache warmer's limits, parsed by {@link ConfigLoader}.
 *
 * @param interval      {@code DASHCACHE_WARM_INTERVAL_SECONDS}: between scheduled passes over the hottest keys; zero = none
 * @param concurrency   {@code DASHCACHE_WARM_CONCURRENCY}: the most warm loads at once
 * @param ratePerSecond {@code DASHCACHE_WARM_RATE}: the most warm tasks started per second
 * @param hottest       {@code DASHCACHE_WARM_HOTTEST}: how many of the hottest keys a scheduled pass warms
 * @param queueCapacity {@code DASHCACHE_WARM_QUEUE_CAPACITY}: the most tasks waiting; more are dropped
 * @param onFirstRead   {@code DASHCACHE_WARM_ON_FIRST_READ}: whether a user's first read warms the rest of the dashboard
 * @param refreshOnInvalidationPerSecond {@code DASHCACHE_REFRESH_ON_INVALIDATION_PER_SECOND}: the most keys an
 *                      invalidation dropped from L1 that are reloaded at once, per second; zero (the default) = none
 */
public record WarmingConfig(Duration interval, int concurrency, int ratePerSecond, int hottest, int queueCapacity,
                            boolean onFirstRead, int refreshOnInvalidationPerSecond) {

    public WarmerSettings settings() {
        return new WarmerSettings(concurrency, ratePerSecond, queueCapacity, hottest, interval, onFirstRead);
    }
}
