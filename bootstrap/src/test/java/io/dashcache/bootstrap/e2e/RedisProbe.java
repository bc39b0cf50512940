package io.dashcache.bootstrap.e2e;

import io.dashcache.testsupport.RedisTestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.StreamEntry;

/** What a test looks at in Redis, from outside dashcache: keys, TTLs, raw values, the events stream. */
final class RedisProbe implements AutoCloseable {

    private final RedisClient redis = RedisClient.create(URI.create(RedisTestServer.url()));

    /** Every key matching a glob, found with SCAN (a test may; dashcache's request path may not). */
    List<String> scan(String pattern) {
        List<String> keys = new ArrayList<>();
        ScanParams params = new ScanParams().match(pattern).count(500);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, params);
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return keys;
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

    /** How many connections are subscribed to a pub/sub channel right now. */
    long subscribers(String channel) {
        List<?> reply = (List<?>) redis.sendCommand(Protocol.Command.PUBSUB, "NUMSUB", channel);
        return (Long) reply.get(1);
    }

    @Override
    public void close() {
        redis.close();
    }
}
