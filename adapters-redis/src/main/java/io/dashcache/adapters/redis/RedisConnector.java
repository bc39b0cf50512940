package io.dashcache.adapters.redis;

import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;

/**
 * Owns the connection to Redis: the pooled client every adapter here shares, and dedicated
 * connections for what must not hold a pooled one (the pub/sub subscriber).
 *
 * <pre>{@code
 * RedisConnector redis = new RedisConnector(RedisSettings.of("redis://:secret@cache:6379/0"));
 * RedisSharedTier l2 = new RedisSharedTier(redis.client(), KeyFormat.standalone("dash"));
 * }</pre>
 *
 * <p>Nothing connects in the constructor: a Redis that is down at start-up is a degraded
 * dependency, not a failed start. Every pooled command waits at most the socket timeout, and a
 * caller waits at most that long for a free connection.
 */
public final class RedisConnector implements AutoCloseable {

    private final RedisSettings settings;
    private final RedisUrl url;
    private final RedisClient client;

    /** @throws IllegalArgumentException when the settings' URL is bad (never happens for a built RedisSettings) */
    public RedisConnector(RedisSettings settings) {
        this.settings = settings;
        this.url = settings.parsedUrl();
        this.client = RedisClient.builder()
                .hostAndPort(hostAndPort())
                .clientConfig(clientConfig(null))
                .poolConfig(poolConfig(settings))
                .build();
    }

    /** The pooled, thread-safe client. */
    public RedisClient client() {
        return client;
    }

    /** {@code redis://user:***@host:port}: for logs and {@code /health}. */
    public String maskedUrl() {
        return url.masked();
    }

    public RedisSettings settings() {
        return settings;
    }

    /** Whether Redis answers PING within the timeouts; never throws. */
    public boolean ping() {
        return pingProblem() == null;
    }

    /** {@code null} when Redis answered PING, else a short reason fit for {@code /health}. */
    String pingProblem() {
        try {
            String answer = client.ping();
            return "PONG".equals(answer) ? null : "unexpected answer to PING";
        } catch (RuntimeException e) {
            return RedisFailures.describe(e);
        }
    }

    /**
     * A connection of its own, outside the pool, named so operators (and tests) can find it in
     * {@code CLIENT LIST}. The caller closes it.
     *
     * @param blockingReadTimeout how long a blocking command (SUBSCRIBE) may go without hearing
     *                            anything before the connection counts as dead
     * @throws redis.clients.jedis.exceptions.JedisException when Redis cannot be reached
     */
    Jedis dedicatedConnection(String clientName, Duration blockingReadTimeout) {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .from(clientConfig(clientName))
                .blockingSocketTimeoutMillis(millis(blockingReadTimeout))
                .build();
        return new Jedis(hostAndPort(), config);
    }

    @Override
    public void close() {
        client.close();
    }

    private HostAndPort hostAndPort() {
        return new HostAndPort(url.host(), url.port());
    }

    private JedisClientConfig clientConfig(String clientName) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis(settings.connectTimeout()))
                .socketTimeoutMillis(millis(settings.socketTimeout()))
                .database(url.database())
                .ssl(url.tls());
        if (url.user() != null) {
            config.user(url.user());
        }
        if (url.password() != null) {
            config.password(url.password());
        }
        if (clientName != null) {
            config.clientName(clientName);
        }
        return config.build();
    }

    private static ConnectionPoolConfig poolConfig(RedisSettings settings) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(settings.maxConnections());
        pool.setMaxIdle(settings.maxConnections());
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        // an exhausted pool must fail as fast as a slow Redis does, not queue requests forever
        pool.setMaxWait(settings.socketTimeout());
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        // one MBean per pool would clash when several connectors (tests, tools) live in one JVM
        pool.setJmxEnabled(false);
        return pool;
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
