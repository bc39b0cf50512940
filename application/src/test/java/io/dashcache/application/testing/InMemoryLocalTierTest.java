package io.dashcache.application.testing;

import io.dashcache.application.port.out.reading.LocalCacheTier;
import io.dashcache.application.port.out.reading.LocalCacheTierContract;

/** The use-case tests' stand-in for Caffeine keeps the local tier's contract. */
class InMemoryLocalTierTest extends LocalCacheTierContract {

    @Override
    protected LocalCacheTier newTier() {
        return new InMemoryLocalTier();
    }
}
