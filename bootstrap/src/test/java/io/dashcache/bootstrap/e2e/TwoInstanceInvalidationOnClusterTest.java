package io.dashcache.bootstrap.e2e;

import io.dashcache.testsupport.SharedRedisCluster;

/**
 * Every two-instance invalidation guarantee of {@link TwoInstanceInvalidationTest}, on a real Redis
 * Cluster of three primaries with one replica each: the stream, its consumer group, the version
 * bumps, the broadcast and the compare-and-set writes, spread over the cluster's nodes.
 */
class TwoInstanceInvalidationOnClusterTest extends TwoInstanceInvalidationTest {

    @Override
    protected String redisUrl() {
        return SharedRedisCluster.url();
    }
}
