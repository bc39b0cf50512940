package io.dashcache.bootstrap.e2e;

import io.dashcache.testsupport.LocalRedisSentinel;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link PrimaryFailoverTest} on a primary and its replica under three Sentinels: the primary dies, the Sentinels promote the replica. */
class SentinelFailoverTest extends PrimaryFailoverTest {

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

    @Override
    protected boolean onDoomedPrimary(String key) {
        return true; // one primary holds everything
    }

    @Override
    protected void killThatPrimary() {
        sentinel.killPrimary();
    }

    @Override
    protected void awaitFailover(Duration atMost) {
        sentinel.awaitFailover(atMost);
    }
}
