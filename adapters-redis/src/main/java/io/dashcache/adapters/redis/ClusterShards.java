package io.dashcache.adapters.redis;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A Redis Cluster's shards from the slot map of the very provider the cluster client routes with:
 * {@code CRC16(key) mod 16384} (hash tag aware, {@link JedisClusterCRC16#getSlot(String)}) to the
 * primary Jedis would send the command to. So a call counts against the node it really went to, and
 * after {@link #refresh()} (a {@code CLUSTER SLOTS}, which Jedis itself only sends when a command
 * fails) the slots of a dead primary map to the replica that took over.
 */
final class ClusterShards implements RedisShards {

    private static final int SLOTS = 16384;

    private final ClusterConnectionProvider provider;
    private final JedisClientConfig config;
    private final BooleanSupplier clusterHealthy;
    private volatile Set<String> shards;

    /** @param clusterHealthy the connector's cluster PING ({@code cluster_state:ok}), for the {@value #UNKNOWN} shard */
    ClusterShards(ClusterConnectionProvider provider, JedisClientConfig config, BooleanSupplier clusterHealthy) {
        this.provider = provider;
        this.config = config;
        this.clusterHealthy = clusterHealthy;
        this.shards = scan();
    }

    @Override
    public boolean sharded() {
        return true;
    }

    @Override
    public String shardOf(String redisKey) {
        HostAndPort node = provider.getNode(JedisClusterCRC16.getSlot(redisKey));
        return node == null ? UNKNOWN : node.toString();
    }

    @Override
    public Set<String> shards() {
        return shards;
    }

    @Override
    public boolean ping(String shard) {
        if (UNKNOWN.equals(shard)) {
            return clusterHealthy.getAsBoolean();
        }
        // not PING: a node answers that while the cluster refuses every command (CLUSTERDOWN)
        try (Jedis node = new Jedis(HostAndPort.from(shard), config)) {
            return node.clusterInfo().contains("cluster_state:ok");
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void refresh() {
        try {
            provider.renewSlotCache();
        } catch (RuntimeException e) {
            // no node answered: the map stays as it was, and the next pass asks again
        }
        shards = scan();
    }

    private Set<String> scan() {
        Set<String> found = new LinkedHashSet<>();
        for (int slot = 0; slot < SLOTS; slot++) {
            HostAndPort node = provider.getNode(slot);
            found.add(node == null ? UNKNOWN : node.toString());
        }
        return Collections.unmodifiableSet(found);
    }
}
