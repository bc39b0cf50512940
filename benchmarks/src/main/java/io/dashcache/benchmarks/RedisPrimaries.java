package io.dashcache.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The servers that hold a client's data: the server itself, or each primary of a cluster. For what
 * a cluster client cannot send as one command: server-wide figures ({@code INFO}) and SCAN.
 *
 * <pre>{@code
 * long used = RedisPrimaries.sum(redis, RedisMemory::usedBytes);     // over the primaries of a cluster
 * RedisPrimaries.map(redis, node -> node.scan(cursor, params));     // each primary's own keys
 * }</pre>
 *
 * On a cluster each primary is reached through a connection of Jedis' own pool for it. Jedis keeps a
 * pool for every node it knows, replicas too ({@code getClusterNodes()}), so a node counts as a
 * primary when {@code INFO replication} says {@code role:master}: after a failover that is the
 * promoted replica, never the old primary.
 */
final class RedisPrimaries {

    private RedisPrimaries() {
    }

    static boolean isCluster(UnifiedJedis redis) {
        return redis instanceof RedisClusterClient;
    }

    /** {@code action} on each primary, in the order Jedis lists the nodes; a one-server client is its own primary. */
    static <T> List<T> map(UnifiedJedis redis, Function<UnifiedJedis, T> action) {
        if (!(redis instanceof RedisClusterClient cluster)) {
            return List.of(action.apply(redis));
        }
        List<T> results = new ArrayList<>();
        for (ConnectionPool pool : cluster.getClusterNodes().values()) {
            // closing it hands the connection back to Jedis' pool
            try (UnifiedJedis node = new UnifiedJedis(pool.getResource())) {
                if ("master".equals(Machine.infoField(node, "replication", "role"))) {
                    results.add(action.apply(node));
                }
            }
        }
        if (results.isEmpty()) {
            throw new IllegalStateException("no node of the cluster says it is a primary");
        }
        return results;
    }

    static long sum(UnifiedJedis redis, ToLongFunction<UnifiedJedis> figure) {
        return map(redis, figure::applyAsLong).stream().mapToLong(Long::longValue).sum();
    }

    /** How many servers Jedis knows: 1, or a cluster's primaries and replicas. */
    static int servers(UnifiedJedis redis) {
        return redis instanceof RedisClusterClient cluster ? cluster.getClusterNodes().size() : 1;
    }
}
