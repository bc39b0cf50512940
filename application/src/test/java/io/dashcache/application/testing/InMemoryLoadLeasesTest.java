package io.dashcache.application.testing;

import io.dashcache.application.port.out.reading.LoadLeases;
import io.dashcache.application.port.out.reading.LoadLeasesContract;
import java.time.Clock;

/** The fake keeps the contract, so tests of the read path can trust it. */
class InMemoryLoadLeasesTest extends LoadLeasesContract {

    @Override
    protected LoadLeases newLeases() {
        return new InMemoryLoadLeases(Clock.systemUTC());
    }
}
