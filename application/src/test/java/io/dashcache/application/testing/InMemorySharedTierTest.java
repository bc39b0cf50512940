package io.dashcache.application.testing;

import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.application.port.out.reading.SharedCacheTierContract;

/** The use-case tests' stand-in for Redis keeps the shared tier's contract, or those tests would prove nothing. */
class InMemorySharedTierTest extends SharedCacheTierContract {

    @Override
    protected SharedCacheTier newTier() {
        return new InMemorySharedTier();
    }
}
