package io.dashcache.bootstrap.e2e;

import io.dashcache.testsupport.PrivateRedisServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link PrimaryFailoverTest} on one private redis-server that is frozen (SIGSTOP) instead of killed, for
 * {@value #FROZEN_MS} ms, then thawed with everything it held: L2 comes back with the values from before
 * the event, which must not be read again, and the webhook's event, accepted while Redis was frozen, must
 * be applied.
 */
class RedisFreezeTest extends PrimaryFailoverTest {

    private static final long FROZEN_MS = 3000;

    private PrivateRedisServer redis;
    private CompletableFuture<Void> thawed = CompletableFuture.completedFuture(null);

    @BeforeAll
    void startRedis() {
        redis = PrivateRedisServer.start();
    }

    @AfterAll
    void stopRedis() {
        redis.thaw();
        redis.close();
    }

    @Override
    protected String redisUrl() {
        return redis.url();
    }

    @Override
    protected boolean onDoomedPrimary(String key) {
        return true; // one server holds everything
    }

    /** Freezes it now and thaws it later by itself: the XADDs that follow wait for the thaw, as a producer's would. */
    @Override
    protected void killThatPrimary() {
        redis.freeze();
        thawed = CompletableFuture.runAsync(redis::thaw,
                CompletableFuture.delayedExecutor(FROZEN_MS, TimeUnit.MILLISECONDS));
    }

    @Override
    protected void awaitFailover(Duration atMost) {
        thawed.orTimeout(atMost.toMillis(), TimeUnit.MILLISECONDS).join();
    }
}
