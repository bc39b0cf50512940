package io.dashcache.adapters.redis;

/** How the Redis behind {@code DASHCACHE_REDIS_URL} is laid out, which decides the Jedis client. */
public enum RedisTopology {
    /** One server ({@code redis://}). */
    STANDALONE,
    /** A Redis Cluster ({@code redis-cluster://}): keys spread over hash slots, so every multi-key command needs hash tags. */
    CLUSTER,
    /** A primary with replicas, watched by Sentinels ({@code redis-sentinel://}) that say which node is the primary. */
    SENTINEL

}
