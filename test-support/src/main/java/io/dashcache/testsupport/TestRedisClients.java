package io.dashcache.testsupport;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.ScanIteration;
import redis.clients.jedis.UnifiedJedis;

/**
 * A test's own Jedis client for a {@code redis://} server, a {@code redis-cluster://h:p,h:p} cluster or
 * a {@code redis-sentinel://h:p,h:p/master} Sentinel setup,
 * to look at or clean up what dashcache wrote, from outside dashcache.
 *
 * <pre>{@code
 * try (UnifiedJedis redis = TestRedisClients.open(cluster.url())) { ... }
 * TestRedisClients.deleteKeys(cluster.url(), prefix);
 * }</pre>
 */
public final class TestRedisClients {

    private static final String CLUSTER_SCHEME = "redis-cluster://";
    private static final String SENTINEL_SCHEME = "redis-sentinel://";

    private TestRedisClients() {
    }

    public static UnifiedJedis open(String url) {
        if (url.startsWith(CLUSTER_SCHEME)) {
            return RedisClusterClient.builder().nodes(Set.copyOf(seeds(url))).build();
        }
        if (url.startsWith(SENTINEL_SCHEME)) {
            String[] hostsAndMaster = url.substring(SENTINEL_SCHEME.length()).split("/");
            return RedisSentinelClient.builder()
                    .masterName(hostsAndMaster[1])
                    .sentinels(Set.copyOf(seeds(SENTINEL_SCHEME + hostsAndMaster[0])))
                    .build();
        }
        return RedisClient.create(URI.create(url));
    }

    /** The {@code host:port} nodes a cluster or Sentinel URL names (without its path), in its order. */
    public static List<HostAndPort> seeds(String url) {
        return Arrays.stream(url.substring(url.indexOf("://") + 3).split(",")).map(HostAndPort::from).toList();
    }

    /** Deletes every key under {@code prefix:}, on every primary, one key per command (no cross-slot DEL). */
    public static void deleteKeys(String url, String prefix) {
        try (UnifiedJedis redis = open(url)) {
            deleteKeys(redis, prefix);
        }
    }

    public static void deleteKeys(UnifiedJedis redis, String prefix) {
        keys(redis, prefix + ":*").forEach(redis::unlink);
    }

    /**
     * Every key matching a glob, once each. Jedis' scan iteration visits replicas as well as
     * primaries on a cluster, so a key may come twice; a set keeps one.
     */
    public static Set<String> keys(UnifiedJedis redis, String pattern) {
        Set<String> keys = new LinkedHashSet<>();
        ScanIteration scan = redis.scanIteration(500, pattern);
        while (!scan.isIterationCompleted()) {
            keys.addAll(scan.nextBatch().getResult());
        }
        return keys;
    }
}
