package io.dashcache.bootstrap.e2e;

import io.dashcache.testsupport.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * What every end-to-end test shares: one WireMock engine per class, reset for each test, and a
 * fresh Redis prefix per test whose instances are all stopped (and keys deleted) after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndTest {

    protected final FakeEngine engine = new FakeEngine();
    protected Instances instances;

    @BeforeAll
    void startEngine() {
        engine.start();
    }

    @AfterAll
    void stopEngine() {
        engine.stop();
    }

    @BeforeEach
    void freshEngineAndPrefix() {
        engine.reset();
        instances = Instances.on(engine, redisUrl());
    }

    /** The Redis every instance of the test uses: the shared test server, or (in a subclass) a cluster. */
    protected String redisUrl() {
        return RedisTestServer.url();
    }

    @AfterEach
    void stopInstances() {
        instances.close();
    }
}
