package io.dashcache.adapters.redis;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.providers.ConnectionProvider;
import redis.clients.jedis.providers.SentineledConnectionProvider;

/**
 * Jedis' Sentinel connection provider, created on first use instead of in the constructor.
 *
 * <pre>{@code
 * UnifiedJedis redis = new UnifiedJedis(new LazySentinelConnections("cache", nodeConfig, pool, sentinels, sentinelConfig));
 * }</pre>
 *
 * Jedis asks the Sentinels for the primary when its provider is built and throws when none answers;
 * dashcache treats a Redis that is down at start-up as a degraded dependency, not a failed start. So
 * the provider is built when the first command needs it, and again (at most once a second) after
 * that failed. Once built, Jedis' own listener follows failovers.
 */
final class LazySentinelConnections implements ConnectionProvider {

    private static final long RETRY_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String masterName;
    private final JedisClientConfig nodeConfig;
    private final GenericObjectPoolConfig<Connection> poolConfig;
    private final Set<HostAndPort> sentinels;
    private final JedisClientConfig sentinelConfig;
    private volatile SentineledConnectionProvider provider;
    private long lastFailureNanos;
    private JedisException lastFailure;
    private boolean closed;

    LazySentinelConnections(String masterName, JedisClientConfig nodeConfig,
                            GenericObjectPoolConfig<Connection> poolConfig, Set<HostAndPort> sentinels,
                            JedisClientConfig sentinelConfig) {
        this.masterName = masterName;
        this.nodeConfig = nodeConfig;
        this.poolConfig = poolConfig;
        this.sentinels = Set.copyOf(sentinels);
        this.sentinelConfig = sentinelConfig;
    }

    @Override
    public Connection getConnection() {
        return provider().getConnection();
    }

    @Override
    public Connection getConnection(CommandArguments args) {
        return provider().getConnection(args);
    }

    @Override
    public Map<?, ?> getConnectionMap() {
        return provider().getConnectionMap();
    }

    @Override
    public Map<?, ?> getPrimaryNodesConnectionMap() {
        return provider().getPrimaryNodesConnectionMap();
    }

    /** The primary the Sentinels named last, or {@code null} when none has answered yet. */
    HostAndPort currentPrimary() {
        try {
            return provider().getCurrentMaster();
        } catch (JedisException e) {
            return null;
        }
    }

    private SentineledConnectionProvider provider() {
        SentineledConnectionProvider ready = provider;
        return ready != null ? ready : create();
    }

    private synchronized SentineledConnectionProvider create() {
        if (closed) {
            throw new JedisConnectionException("the Redis connector is closed");
        }
        if (provider != null) {
            return provider;
        }
        if (lastFailure != null && System.nanoTime() - lastFailureNanos < RETRY_PAUSE_NANOS) {
            throw lastFailure;
        }
        try {
            provider = new SentineledConnectionProvider(masterName, nodeConfig, poolConfig, sentinels, sentinelConfig);
            lastFailure = null;
            return provider;
        } catch (JedisException e) {
            lastFailureNanos = System.nanoTime();
            lastFailure = new JedisConnectionException("no Sentinel named the primary '" + masterName + "': "
                    + e.getMessage(), e);
            throw lastFailure;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (provider != null) {
            provider.close();
        }
    }
}
