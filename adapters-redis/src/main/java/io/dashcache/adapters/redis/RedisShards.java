package io.dashcache.adapters.redis;

import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Which shard serves a Redis key, so that a dead shard's circuit opens alone: on a Redis Cluster a
 * shard is a primary ({@code host:port}) and the hash slots it serves, as Jedis' own slot map has them
 * (so a call is judged by the node Jedis sends it to); on one server or a Sentinel-managed primary there
 * is one shard, {@value #ALL}, and every key is in it.
 *
 * <pre>{@code
 * RedisShards shards = connector.shards();
 * String shard = shards.shardOf("dash:overview:user:{42}");   // "10.0.0.7:6379", or "all"
 * }</pre>
 */
public interface RedisShards {

    /** The one shard of a single server or a Sentinel-managed primary. */
    String ALL = "all";
    /** A cluster's keys before any node said which primary serves which slot (the cluster was down at start). */
    String UNKNOWN = "unknown";

    /** Whether there may be more than one shard (a cluster); if not, {@link #shardOf} is always {@value #ALL}. */
    boolean sharded();

    /** The shard that serves {@code redisKey} now (no I/O). */
    String shardOf(String redisKey);

    /** The shards that serve slots now, as last learnt (no I/O). */
    Set<String> shards();

    /**
     * Whether the shard's primary would serve a command now (a cluster node: it says {@code cluster_state:ok});
     * bounded by the connection timeouts, never throws.
     */
    boolean ping(String shard);

    /**
     * Asks the cluster again which primary serves which slot (after a failover Jedis would only learn it
     * from a failing command, and an open circuit sends none); nothing to do for one shard. Never throws.
     */
    void refresh();

    /** One shard: a single server, or the primary the Sentinels name ({@code ping} follows it). */
    static RedisShards single(BooleanSupplier ping) {
        return new RedisShards() {
            @Override
            public boolean sharded() {
                return false;
            }

            @Override
            public String shardOf(String redisKey) {
                return ALL;
            }

            @Override
            public Set<String> shards() {
                return Set.of(ALL);
            }

            @Override
            public boolean ping(String shard) {
                return ping.getAsBoolean();
            }

            @Override
            public void refresh() {
                // one shard: a failover behind it is the Sentinel client's to follow
            }
        };
    }
}
