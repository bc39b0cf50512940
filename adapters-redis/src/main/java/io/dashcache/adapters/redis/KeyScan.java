package io.dashcache.adapters.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * SCAN over every key matching a pattern: on one server, or on each primary of a cluster (a
 * cluster's SCAN sees one node's keys only). Operator tools only, never the request path.
 *
 * <pre>{@code
 * KeyScan.of(redis).forEachPage("dash:overview*", 500, page -> unlink(page));
 * }</pre>
 *
 * Jedis' own {@code scanIteration} walks every node it knows, replicas too: each key would come
 * twice, and a dead replica would fail the walk. So on a cluster the primaries are read from
 * {@code CLUSTER NODES} (the flag {@code master}, not {@code fail}) and scanned through Jedis'
 * own connection pools.
 */
final class KeyScan {

    private final UnifiedJedis redis;

    private KeyScan(UnifiedJedis redis) {
        this.redis = redis;
    }

    static KeyScan of(UnifiedJedis redis) {
        return new KeyScan(redis);
    }

    void forEachPage(String pattern, int count, Consumer<List<String>> page) {
        ScanParams params = new ScanParams().match(pattern).count(count);
        if (!(redis instanceof RedisClusterClient cluster)) {
            walk(cursor -> redis.scan(cursor, params), page);
            return;
        }
        Map<String, ConnectionPool> pools = cluster.getClusterNodes();
        for (String primary : primaries(pools)) {
            ConnectionPool pool = pools.get(primary);
            if (pool == null) {
                throw new JedisConnectionException("the cluster names " + primary + " a primary, but the client has no "
                        + "connection to it yet; try again in a moment");
            }
            try (Jedis node = new Jedis(pool.getResource())) {
                walk(cursor -> node.scan(cursor, params), page);
            }
        }
    }

    private static void walk(Function<String, ScanResult<String>> scanFrom, Consumer<List<String>> page) {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> result = scanFrom.apply(cursor);
            page.accept(result.getResult());
            cursor = result.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }

    /** {@code host:port} of each live primary, as the first node that answers describes the cluster. */
    private static List<String> primaries(Map<String, ConnectionPool> pools) {
        return primariesIn(clusterNodes(pools));
    }

    /** The live primary that serves {@code slot}, or {@code null} when no node answers or none serves it now. */
    static HostAndPort primaryServing(RedisClusterClient cluster, int slot) {
        try {
            String owner = primaryServing(clusterNodes(cluster.getClusterNodes()), slot);
            return owner == null ? null : HostAndPort.from(owner);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String clusterNodes(Map<String, ConnectionPool> pools) {
        JedisConnectionException last = new JedisConnectionException("no cluster node is known");
        for (ConnectionPool pool : pools.values()) {
            try (Jedis node = new Jedis(pool.getResource())) {
                return node.clusterNodes();
            } catch (RuntimeException e) {
                last = new JedisConnectionException("CLUSTER NODES failed: " + e.getMessage(), e);
            }
        }
        throw last;
    }

    /** In {@code CLUSTER NODES} lines, the live primary whose slot ranges ({@code 0-5460 5461 ...}) hold {@code slot}. */
    static String primaryServing(String clusterNodes, int slot) {
        for (String line : clusterNodes.split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 9 || !isLivePrimary(fields[2])) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String range = fields[i];
                if (range.startsWith("[")) {
                    continue; // a slot being imported or migrated
                }
                int dash = range.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
                if (slot >= from && slot <= to) {
                    return address(fields[1]);
                }
            }
        }
        return null;
    }

    private static boolean isLivePrimary(String flagList) {
        List<String> flags = List.of(flagList.split(","));
        return flags.contains("master") && !flags.contains("fail") && !flags.contains("noaddr");
    }

    private static String address(String field) {
        int at = field.indexOf('@');
        return at < 0 ? field : field.substring(0, at);
    }

    /** Lines of {@code CLUSTER NODES}: {@code <id> <ip:port@cport[,hostname]> <flags> ...}. */
    static List<String> primariesIn(String clusterNodes) {
        List<String> primaries = new ArrayList<>();
        for (String line : clusterNodes.split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 3) {
                continue;
            }
            if (isLivePrimary(fields[2])) {
                primaries.add(address(fields[1]));
            }
        }
        return primaries;
    }
}
