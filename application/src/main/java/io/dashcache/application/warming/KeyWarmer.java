package io.dashcache.application.warming;

import io.dashcache.application.port.messages.WarmOutcome;
import io.dashcache.domain.CacheKey;
import java.time.Instant;

/** What the warmer asks of the read path: one key loaded into the tiers unless it is fresh enough. */
@FunctionalInterface
public interface KeyWarmer {

    /**
     * Loads {@code key} unless L1 or L2 holds a value that stays fresh past {@code freshBeyond} (or
     * past now, whichever is later). Never waits for another instance's load.
     *
     * @return {@link WarmOutcome#WARMED}, {@link WarmOutcome#ALREADY_FRESH} or {@link WarmOutcome#LOADING_ELSEWHERE}
     * @throws io.dashcache.application.port.out.reading.SourceUnavailableException when the engine fails
     */
    WarmOutcome warm(CacheKey key, Instant freshBeyond);
}
