package io.dashcache.adapters.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Redis. Timeouts are short on purpose: a Redis that does not answer must cost a
 * request half a second at most, after which it goes on without L2.
 *
 * @param url            {@code redis://[user:password@]host:port[/db]}, {@code redis-cluster://host:port,...} or
 *                       {@code redis-sentinel://host:port,.../masterName}; {@code rediss...} for TLS
 * @param connectTimeout how long opening a connection may take
 * @param socketTimeout  how long one command may wait for its answer (also the wait for a pooled connection)
 * @param maxConnections size of the connection pool
 */
public record RedisSettings(String url, Duration connectTimeout, Duration socketTimeout, int maxConnections) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(500);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMillis(500);
    public static final int DEFAULT_MAX_CONNECTIONS = 32;

    /** @throws IllegalArgumentException with one sentence naming {@code DASHCACHE_REDIS_URL} when the URL is bad */
    public RedisSettings {
        RedisUrl.parse(url);
        requireTimeout("connectTimeout", connectTimeout);
        requireTimeout("socketTimeout", socketTimeout);
        if (maxConnections < 1 || maxConnections > 1024) {
            throw new IllegalArgumentException("maxConnections must be from 1 to 1024, got " + maxConnections);
        }
    }

    /** The URL with the default timeouts and pool size. */
    public static RedisSettings of(String url) {
        return new RedisSettings(url, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
    }

    /** The URL as it may be logged: {@code redis://user:***@host:port}. */
    public String maskedUrl() {
        return RedisUrl.parse(url).masked();
    }

    /** One server, a cluster or a Sentinel setup, as the URL's scheme says. */
    public RedisTopology topology() {
        return RedisUrl.parse(url).topology();
    }

    RedisUrl parsedUrl() {
        return RedisUrl.parse(url);
    }

    private static void requireTimeout(String name, Duration timeout) {
        Objects.requireNonNull(timeout, name);
        if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException(name + " must be from 1 ms to 1 minute, got " + timeout);
        }
    }

    /** Never prints the password (a record's own toString would). */
    @Override
    public String toString() {
        return "RedisSettings[url=" + maskedUrl() + ", connectTimeout=" + connectTimeout + ", socketTimeout="
                + socketTimeout + ", maxConnections=" + maxConnections + "]";
    }
}
