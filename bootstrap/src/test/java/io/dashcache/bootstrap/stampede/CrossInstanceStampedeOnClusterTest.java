package io.dashcache.bootstrap.stampede;

import io.dashcache.testsupport.SharedRedisCluster;

/** The 9:00 stampede of {@link CrossInstanceStampedeTest} on a real Redis Cluster: the load lease lives in the value's slot. */
class CrossInstanceStampedeOnClusterTest extends CrossInstanceStampedeTest {

    @Override
    protected String redisUrl() {
        return SharedRedisCluster.url();
    }
}
