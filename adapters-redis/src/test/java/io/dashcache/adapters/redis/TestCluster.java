package io.dashcache.adapters.redis;

import io.dashcache.testsupport.LocalRedisCluster;
import io.dashcache.testsupport.SharedRedisCluster;
import io.dashcache.testsupport.TestRedisClients;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The shared Redis Cluster of these tests (one per JVM, see {@link SharedRedisCluster}), one dashcache
 * connector on it for the whole run, and what single nodes hold.
 *
 * <pre>{@code
 * RedisSharedTier tier = new RedisSharedTier(TestCluster.connector().client(), new KeyFormat(prefix, true));
 * TestRedisClients.deleteKeys(TestCluster.outside(), prefix);
 * }</pre>
 */
final class TestCluster {

    private static RedisConnector connector;
    private static UnifiedJedis outside;

    private TestCluster() {
    }

    static synchronized RedisConnector connector() {
        if (connector == null) {
            connector = new RedisConnector(RedisSettings.of(SharedRedisCluster.url()));
        }
        return connector;
    }

    /** A cluster client of the test's own, not dashcache's: to see or clean up what dashcache wrote. */
    static synchronized UnifiedJedis outside() {
        if (outside == null) {
            outside = TestRedisClients.open(SharedRedisCluster.url());
        }
        return outside;
    }

    static LocalRedisCluster cluster() {
        return SharedRedisCluster.cluster();
    }

    /** Every key under {@code prefix:} on one node, by SCAN on that node alone. */
    static List<String> keysOnNode(int port, String prefix) {
        try (Jedis node = Loopback.connect(port)) {
            List<String> keys = new ArrayList<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = node.scan(cursor, new ScanParams().match(prefix + ":*").count(500));
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            return keys;
        }
    }

    /** The port of the replica that follows the primary on {@code primaryPort}, as the primary's INFO says. */
    static int replicaOf(int primaryPort) {
        try (Jedis primary = Loopback.connect(primaryPort)) {
            String line = primary.info("replication").lines().filter(l -> l.startsWith("slave0:")).findFirst()
                    .orElseThrow(() -> new AssertionError("primary " + primaryPort + " has no replica"));
            for (String field : line.substring("slave0:".length()).split(",")) {
                if (field.startsWith("port=")) {
                    return Integer.parseInt(field.substring("port=".length()));
                }
            }
            throw new AssertionError("no port in " + line);
        }
    }
}
