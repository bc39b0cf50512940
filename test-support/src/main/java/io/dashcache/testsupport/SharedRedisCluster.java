package io.dashcache.testsupport;

/**
 * One Redis Cluster (three primaries, one replica each) for every test of a JVM that only reads and
 * writes through it; started on first use, stopped when the JVM exits. A test that kills nodes starts
 * a {@link LocalRedisCluster} of its own instead.
 *
 * <pre>{@code
 * String url = SharedRedisCluster.url();   // redis-cluster://127.0.0.1:p1,...
 * }</pre>
 */
public final class SharedRedisCluster {

    private static LocalRedisCluster cluster;

    private SharedRedisCluster() {
    }

    public static synchronized String url() {
        return cluster().url();
    }

    public static synchronized LocalRedisCluster cluster() {
        if (cluster == null) {
            cluster = LocalRedisCluster.start(3, 1);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "shared-redis-cluster-stop"));
        }
        return cluster;
    }
}
