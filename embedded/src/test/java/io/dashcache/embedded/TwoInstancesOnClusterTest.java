package io.dashcache.embedded;

import io.dashcache.testsupport.SharedRedisCluster;

/**
 * The embedded client's cross-instance guarantees of {@link TwoInstancesTest} on a real Redis
 * Cluster, reached with nothing but a {@code redis-cluster://} URL: the builder turns hash tags on.
 */
class TwoInstancesOnClusterTest extends TwoInstancesTest {

    @Override
    protected String redisUrl() {
        return SharedRedisCluster.url();
    }
}
