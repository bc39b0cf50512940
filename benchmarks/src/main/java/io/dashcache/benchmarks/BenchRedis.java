package io.dashcache.benchmarks;

import io.dashcache.adapters.redis.RedisConnector;
import io.dashcache.adapters.redis.RedisSettings;
import io.dashcache.domain.KeyFormat;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis every measurement uses: {@code DASHCACHE_BENCH_REDIS_URL}, by default the loopback one,
 * under a fresh key prefix per run, cleaned up afterwards (a tool may SCAN; the read path never does).
 */
final class BenchRedis {

    static final String URL_VARIABLE = "DASHCACHE_BENCH_REDIS_URL";

    private BenchRedis() {
    }

    static String url() {
        String url = System.getenv(URL_VARIABLE);
        return url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url.trim();
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

    /** Unlinks every key under the prefix: values, versions, leases, streams. */
    static long deleteEverything(UnifiedJedis redis, KeyFormat keys) {
        ScanParams params = new ScanParams().match(keys.everythingPattern()).count(1000);
        String cursor = ScanParams.SCAN_POINTER_START;
        long deleted = 0;
        do {
            ScanResult<String> page = redis.scan(cursor, params);
            for (String key : page.getResult()) {
                deleted += redis.unlink(key);
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return deleted;
    }
}
