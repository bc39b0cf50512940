package io.dashcache.adapters.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by its SHA-1. The digest is computed here rather than by SCRIPT LOAD, so building
 * an adapter needs no Redis (it may be down at start-up); the first EVALSHA that meets NOSCRIPT (a
 * fresh, restarted or failed-over server) falls back to EVAL, which loads the script for the next call.
 * Every script here touches the keys of one hash slot only.
 */
final class LuaScript {

    private final byte[] body;
    private final byte[] sha1;

    LuaScript(String source) {
        this.body = source.getBytes(StandardCharsets.UTF_8);
        this.sha1 = HexFormat.of().formatHex(digest(body)).getBytes(StandardCharsets.US_ASCII);
    }

    Object run(UnifiedJedis redis, List<byte[]> keys, List<byte[]> args) {
        try {
            return redis.evalsha(sha1, keys, args);
        } catch (JedisNoScriptException notLoaded) {
            return redis.eval(body, keys, args);
        }
    }

    String sha1() {
        return new String(sha1, StandardCharsets.US_ASCII);
    }

    private static byte[] digest(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
