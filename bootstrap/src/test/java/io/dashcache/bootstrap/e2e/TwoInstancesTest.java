package io.dashcache.bootstrap.e2e;

import io.dashcache.bootstrap.Dashcache;
import org.junit.jupiter.api.BeforeEach;

/** Two instances, A and B, on one Redis prefix and one engine, both listening for invalidations. */
abstract class TwoInstancesTest extends EndToEndTest {

    protected Dashcache a;
    protected Dashcache b;

    @BeforeEach
    void startTwoInstances() {
        a = instances.start("instance-a");
        b = instances.start("instance-b");
        instances.awaitSubscribed(2);
    }
}
