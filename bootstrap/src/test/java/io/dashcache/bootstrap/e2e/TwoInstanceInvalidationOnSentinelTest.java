package io.dashcache.bootstrap.e2e;

import io.dashcache.testsupport.LocalRedisSentinel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every two-instance invalidation guarantee of {@link TwoInstanceInvalidationTest} on a primary and
 * its replica watched by three Sentinels, reached through {@code redis-sentinel://.../dashcache}.
 */
class TwoInstanceInvalidationOnSentinelTest extends TwoInstanceInvalidationTest {

    private LocalRedisSentinel sentinel;

    @BeforeAll
    void startSentinels() {
        sentinel = LocalRedisSentinel.start("dashcache");
    }

    @AfterAll
    void stopSentinels() {
        sentinel.close();
    }

    @Override
    protected String redisUrl() {
        return sentinel.url();
    }
}
