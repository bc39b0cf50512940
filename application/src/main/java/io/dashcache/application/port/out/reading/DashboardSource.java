package io.dashcache.application.port.out.reading;

import io.dashcache.domain.CacheKey;

/** The owner of the data: the Core Detection Engine, asked on a cache miss. */
@FunctionalInterface
public interface DashboardSource {

    /**
     * Loads the current value of a key.
     *
     * @throws SourceUnavailableException when the engine fails, is too slow or cannot be reached
     */
    SourceAnswer fetch(CacheKey key);
}
