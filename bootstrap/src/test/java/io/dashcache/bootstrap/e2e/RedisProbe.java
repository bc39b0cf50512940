package io.dashcache.bootstrap.e2e;

import io.dashcache.testsupport.RedisTestServer;
import io.dashcache.testsupport.TestRedisClients;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * What a test looks at in Redis, from outside dashcache: keys, TTLs, raw values, the events stream.
 * On one server, or on a cluster ({@code redis-cluster://host:port,...}).
 */
final class RedisProbe implements AutoCloseable {

    private final UnifiedJedis redis;
    private final String url;

    RedisProbe() {
        this(RedisTestServer.url());
    }

    RedisProbe(String url) {
        this.url = url;
        this.redis = TestRedisClients.open(url);
    }

    /** Every key matching a glob, found with SCAN on every primary (a test may; dashcache's request path may not). */
    List<String> scan(String pattern) {
        return new ArrayList<>(TestRedisClients.keys(redis, pattern));
    }

    /** Deletes every key under a test's prefix, one key per command (a cluster refuses cross-slot DEL). */
    void deleteKeys(String prefix) {
        TestRedisClients.deleteKeys(redis, prefix);
    }

    long ttlSeconds(String key) {
        return redis.ttl(key);
    }

    /** The stored bytes, or {@code null}. */
    byte[] raw(String key) {
        return redis.get(key.getBytes(StandardCharsets.UTF_8));
    }

    void delete(String key) {
        redis.del(key);
    }

    /** Appends an engine event to a stream the way the engine does: field {@code event}, the JSON. */
    StreamEntryID publishEvent(String stream, String eventJson) {
        return redis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("event", eventJson));
    }

    /** The field maps of every entry of a stream, oldest first. */
    List<Map<String, String>> entries(String stream) {
        return redis.xrange(stream, "-", "+").stream().map(StreamEntry::getFields).toList();
    }

    /** How many connections are subscribed to a pub/sub channel right now, on every node of a cluster. */
    long subscribers(String channel) {
        if (redis instanceof RedisClusterClient cluster) {
            // Jedis knows the primaries only; a subscriber may sit on a replica named in the URL
            Set<HostAndPort> nodes = new LinkedHashSet<>();
            cluster.getClusterNodes().keySet().forEach(node -> nodes.add(HostAndPort.from(node)));
            nodes.addAll(TestRedisClients.seeds(url));
            long total = 0;
            for (HostAndPort node : nodes) {
                try (Jedis jedis = new Jedis(node)) {
                    total += numsub(jedis.sendCommand(Protocol.Command.PUBSUB, "NUMSUB", channel));
                } catch (RuntimeException deadNode) {
                    // a killed node subscribes no one
                }
            }
            return total;
        }
        return numsub(redis.sendCommand(Protocol.Command.PUBSUB, "NUMSUB", channel));
    }

    private static long numsub(Object reply) {
        return (Long) ((List<?>) reply).get(1);
    }

    @Override
    public void close() {
        redis.close();
    }
}
