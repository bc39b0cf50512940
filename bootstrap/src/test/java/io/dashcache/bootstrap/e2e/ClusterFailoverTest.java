package io.dashcache.bootstrap.e2e;

import io.dashcache.testsupport.LocalRedisCluster;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link PrimaryFailoverTest} on a cluster of three primaries with one replica each: one primary dies, its replica takes over its slots. */
class ClusterFailoverTest extends PrimaryFailoverTest {

    private LocalRedisCluster cluster;
    private int doomed;

    @BeforeAll
    void startCluster() {
        cluster = LocalRedisCluster.start(3, 1);
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    @Override
    protected String redisUrl() {
        return cluster.url();
    }

    @Override
    protected boolean onDoomedPrimary(String key) {
        if (doomed == 0) {
            doomed = cluster.primaryPortForKey(instances.eventsStream());
        }
        return cluster.primaryPortForKey(key) == doomed;
    }

    @Override
    protected void killThatPrimary() {
        cluster.kill(doomed);
    }

    @Override
    protected void awaitFailover(Duration atMost) {
        cluster.awaitFailover(atMost);
    }
}
