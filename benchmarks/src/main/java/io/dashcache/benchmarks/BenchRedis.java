package io.dashcache.benchmarks;

import io.dashcache.adapters.redis.RedisConnector;
import io.dashcache.adapters.redis.RedisSettings;
import io.dashcache.adapters.redis.RedisTopology;
import io.dashcache.domain.KeyFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis every measurement uses: {@code DASHCACHE_BENCH_REDIS_URL}, by default the loopback one,
 * under a fresh key prefix per run, cleaned up afterwards (a tool may SCAN; the read path never does).
 * A {@code redis-cluster://host:port,...} URL is a Redis Cluster: keys then carry hash tags, as an
 * instance's do on it, and SCAN and the server-wide figures go to each primary ({@link RedisPrimaries}).
 */
final class BenchRedis {

    static final String URL_VARIABLE = "DASHCACHE_BENCH_REDIS_URL";
    private static final int UNLINKS_PER_ROUND_TRIP = 1000;

    private BenchRedis() {
    }

    static String url() {
        String url = System.getenv(URL_VARIABLE);
        return url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url.trim();
    }

    static boolean isCluster() {
        return RedisSettings.of(url()).topology() == RedisTopology.CLUSTER;
    }

    /** The instances' own key format for this Redis: hash tags on a cluster, as {@code DashcacheConfig.keyFormat()}. */
    static KeyFormat keyFormat(String prefix) {
        return new KeyFormat(prefix, isCluster());
    }

    /**
     * A {@code redis://} URL of one server that hears every PUBLISH: the URL itself, or a cluster's
     * first seed with the same credentials (a cluster forwards a plain PUBLISH to every node).
     */
    static String oneServerUrl() {
        String url = url();
        if (!isCluster()) {
            return url;
        }
        int schemeEnd = url.indexOf("://");
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT).replace("-cluster", "");
        String rest = url.substring(schemeEnd + 3);
        int hostsStart = rest.lastIndexOf('@') + 1;
        int firstEnd = hostsStart;
        while (firstEnd < rest.length() && ",/?".indexOf(rest.charAt(firstEnd)) < 0) {
            firstEnd++;
        }
        return scheme + "://" + rest.substring(0, firstEnd);
    }

    /** A prefix no other run uses: {@code bench-<kind>-<random>}. */
    static String uniquePrefix(String kind) {
        return "bench-" + kind + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** A pooled connector with timeouts generous enough for a loaded 2-core machine. */
    static RedisConnector connect(int maxConnections) {
        RedisConnector connector = new RedisConnector(new RedisSettings(url(), Duration.ofSeconds(2),
                Duration.ofSeconds(2), maxConnections));
        if (!connector.ping()) {
            connector.close();
            throw new IllegalStateException("no Redis answers at " + RedisSettings.of(url()).maskedUrl()
                    + " (set " + URL_VARIABLE + ")");
        }
        return connector;
    }

    /**
     * Unlinks every key under the prefix: values, versions, leases, streams. Each primary is scanned
     * on its own (a cluster client scans no pattern without a hash tag); the keys are unlinked one per
     * command, pipelined through the client, which sends each to its slot's primary.
     */
    static long deleteEverything(UnifiedJedis redis, KeyFormat keys) {
        ScanParams params = new ScanParams().match(keys.everythingPattern()).count(1000);
        // all names first: the scan holds a pooled connection to its node, which the UNLINKs may need
        List<String> found = new ArrayList<>();
        RedisPrimaries.map(redis, server -> scan(server, params)).forEach(found::addAll);
        long deleted = 0;
        for (int from = 0; from < found.size(); from += UNLINKS_PER_ROUND_TRIP) {
            List<Response<Long>> replies = new ArrayList<>();
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (String key : found.subList(from, Math.min(found.size(), from + UNLINKS_PER_ROUND_TRIP))) {
                    replies.add(pipeline.unlink(key));
                }
                pipeline.sync();
            }
            deleted += replies.stream().mapToLong(Response::get).sum();
        }
        return deleted;
    }

    private static List<String> scan(UnifiedJedis server, ScanParams params) {
        List<String> found = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = server.scan(cursor, params);
            found.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return found;
    }
}
