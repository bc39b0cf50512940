package io.dashcache.adapters.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Owns the connection to Redis: the pooled client every adapter here shares, and dedicated
 * connections for what must not hold a pooled one (the pub/sub subscriber). The client is Jedis'
 * own for the URL's topology: {@code RedisClient} for one server, {@code RedisClusterClient} for a
 * cluster (it follows MOVED and ASK and finds the new primary after a failover), and a client over
 * a {@link LazySentinelConnections} for a Sentinel-managed primary.
 *
 * <pre>{@code
 * RedisConnector redis = new RedisConnector(RedisSettings.of("redis://:secret@cache:6379/0"));
 * RedisSharedTier l2 = new RedisSharedTier(redis.client(), KeyFormat.standalone("dash"));
 * }</pre>
 *
 * <p>Nothing fails in the constructor (a cluster client asks its seeds for the slots, but goes on
 * without an answer): a Redis that is down at start-up is a degraded dependency, not a failed start. Every pooled command waits at most the socket timeout, and a
 * caller waits at most that long for a free connection.
 */
public final class RedisConnector implements AutoCloseable {

    private static final int CLUSTER_MAX_ATTEMPTS = 3;

    private final RedisSettings settings;
    private final RedisUrl url;
    private final UnifiedJedis client;
    private final LazySentinelConnections sentinel;
    private final RedisShards shards;
    // where a subscriber goes when the channel's own primary is unknown or just failed: a random start
    // spreads the instances over the nodes
    private final AtomicInteger nextSubscriberNode = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 16));

    /** @throws IllegalArgumentException when the settings' URL is bad (never happens for a built RedisSettings) */
    public RedisConnector(RedisSettings settings) {
        this.settings = settings;
        this.url = settings.parsedUrl();
        switch (url.topology()) {
            case CLUSTER -> {
                // without it, a cluster that is down at start-up would fail the start instead of degrading it
                if (System.getProperty(RedisClusterClient.INIT_NO_ERROR_PROPERTY) == null) {
                    System.setProperty(RedisClusterClient.INIT_NO_ERROR_PROPERTY, "true");
                }
                this.sentinel = null;
                // built here, not by the builder, so the shards are read from the very slot map the client routes by
                ClusterConnectionProvider provider = new ClusterConnectionProvider(new LinkedHashSet<>(url.endpoints()),
                        clientConfig(null), poolConfig(settings));
                this.client = RedisClusterClient.builder()
                        .nodes(new LinkedHashSet<>(url.endpoints()))
                        .clientConfig(clientConfig(null))
                        .poolConfig(poolConfig(settings))
                        .connectionProvider(provider)
                        // a failover takes seconds: a request must not wait for it, L1 and the engine answer instead
                        .maxAttempts(CLUSTER_MAX_ATTEMPTS)
                        .maxTotalRetriesDuration(settings.socketTimeout().multipliedBy(2))
                        .build();
                this.shards = new ClusterShards(provider, clientConfig(null), this::ping);
            }
            case SENTINEL -> {
                this.sentinel = new LazySentinelConnections(url.masterName(), clientConfig(null),
                        poolConfig(settings), new LinkedHashSet<>(url.endpoints()), sentinelConfig());
                this.client = new UnifiedJedis(sentinel);
                this.shards = RedisShards.single(this::ping);
            }
            default -> {
                this.sentinel = null;
                this.client = RedisClient.builder()
                        .hostAndPort(url.first())
                        .clientConfig(clientConfig(null))
                        .poolConfig(poolConfig(settings))
                        .build();
                this.shards = RedisShards.single(this::ping);
            }
        }
    }

    /** The pooled, thread-safe client: for a cluster it routes each command to its slot's primary. */
    public UnifiedJedis client() {
        return client;
    }

    /** Which shard serves a key: a cluster's primaries, or the one shard of a single server or Sentinel. */
    public RedisShards shards() {
        return shards;
    }

    public RedisTopology topology() {
        return url.topology();
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
            if (client instanceof RedisClusterClient cluster) {
                return clusterProblem(cluster);
            }
            String answer = client.ping();
            return "PONG".equals(answer) ? null : "unexpected answer to PING";
        } catch (RuntimeException e) {
            return RedisFailures.describe(e);
        }
    }

    /** A cluster is healthy when a node it knows says every slot is served ({@code cluster_state:ok}). */
    private String clusterProblem(RedisClusterClient cluster) {
        RuntimeException last = null;
        for (HostAndPort node : clusterNodes(cluster)) {
            try (Jedis jedis = new Jedis(node, clientConfig(null))) {
                String info = jedis.clusterInfo();
                return info.contains("cluster_state:ok") ? null : "the cluster reports cluster_state:fail";
            } catch (RuntimeException e) {
                last = e;
            }
        }
        return last == null ? "no cluster node is known" : RedisFailures.describe(last);
    }

    private List<HostAndPort> clusterNodes(RedisClusterClient cluster) {
        List<HostAndPort> nodes = new ArrayList<>();
        cluster.getClusterNodes().keySet().forEach(node -> nodes.add(HostAndPort.from(node)));
        url.endpoints().stream().filter(seed -> !nodes.contains(seed)).forEach(nodes::add);
        return nodes;
    }

    /**
     * A connection of its own, outside the pool, named so operators (and tests) can find it in
     * {@code CLIENT LIST}. The caller closes it.
     *
     * @param blockingReadTimeout how long a blocking command (SUBSCRIBE) may go without hearing
     *                            anything before the connection counts as dead
     * @throws redis.clients.jedis.exceptions.JedisException when Redis cannot be reached
     */
    /**
     * @param channel           what the connection will subscribe to
     * @param lastAttemptFailed whether the previous connection for it broke: then a cluster node other than
     *                          the one that just failed is tried
     */
    Jedis dedicatedConnection(String clientName, Duration blockingReadTimeout, String channel,
                              boolean lastAttemptFailed) {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .from(clientConfig(clientName))
                .blockingSocketTimeoutMillis(millis(blockingReadTimeout))
                .build();
        return new Jedis(subscriberNode(channel, lastAttemptFailed), config);
    }

    /**
     * Publishes on a channel. On a cluster the message goes to the primary that owns the channel's
     * slot, where the subscribers sit (see {@link #dedicatedConnection}): it reaches them at once,
     * not after a trip over the cluster bus (p99 about 40 ms there, docs/benchmarks.md). Plain
     * PUBLISH still reaches every node, so a subscriber elsewhere hears it too, later.
     *
     * @return how many subscribers of the node it went to received it
     */
    long publish(String channel, String message) {
        if (client instanceof RedisClusterClient cluster) {
            try (Jedis owner = new Jedis(cluster.getConnectionFromSlot(JedisClusterCRC16.getSlot(channel)))) {
                return owner.publish(channel, message);
            } catch (RuntimeException ownerUnreachable) {
                // failing over: any live node forwards it
            }
        }
        return client.publish(channel, message);
    }

    /**
     * Where a subscriber of {@code channel} connects. On a cluster: the primary that owns the
     * channel's slot, where the publishers send; when that is unknown or was just lost, the next
     * known node (plain PUBLISH reaches every node, so any live node hears every broadcast, a few
     * milliseconds later). On a Sentinel setup: the current primary.
     */
    private HostAndPort subscriberNode(String channel, boolean lastAttemptFailed) {
        if (client instanceof RedisClusterClient cluster) {
            List<HostAndPort> nodes = clusterNodes(cluster);
            if (!lastAttemptFailed) {
                HostAndPort owner = KeyScan.primaryServing(cluster, JedisClusterCRC16.getSlot(channel));
                if (owner != null) {
                    return owner;
                }
            }
            return nodes.get(Math.floorMod(nextSubscriberNode.getAndIncrement(), nodes.size()));
        }
        if (sentinel != null) {
            HostAndPort primary = sentinel.currentPrimary();
            if (primary == null) {
                throw new JedisConnectionException("no Sentinel of " + url.masked() + " names the primary");
            }
            return primary;
        }
        return url.first();
    }

    @Override
    public void close() {
        client.close();
    }

    private JedisClientConfig sentinelConfig() {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis(settings.connectTimeout()))
                .socketTimeoutMillis(millis(settings.socketTimeout()))
                .ssl(url.tls());
        if (url.sentinelUser() != null) {
            config.user(url.sentinelUser());
        }
        if (url.sentinelPassword() != null) {
            config.password(url.sentinelPassword());
        }
        return config.build();
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
