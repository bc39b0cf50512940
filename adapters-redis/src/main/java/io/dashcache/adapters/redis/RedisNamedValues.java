package io.dashcache.adapters.redis;

import io.dashcache.application.port.out.CacheTierUnavailableException;
import io.dashcache.application.port.out.NamedValueStore;
import io.dashcache.domain.KeyFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * L2 of applications' named caches. An entry lives at {@link KeyFormat#namedValueKey} as
 * {@code <version>\n<bytes>}; the cache's counter at {@link KeyFormat#namedVersionKey}, in the same
 * hash slot (the cache name is the hash tag), so a read is one MGET and a write one Lua
 * compare-and-set, on a cluster as on one server.
 *
 * <pre>{@code
 * NamedValueStore store = new RedisNamedValues(connector.client(), KeyFormat.standalone("svc"));
 * NamedRead read = store.read("orders", "order-17");
 * store.writeIfVersion("orders", "order-17", bytes, read.version(), Duration.ofMinutes(5));
 * }</pre>
 */
public final class RedisNamedValues implements NamedValueStore {

    // KEYS[1] entry, KEYS[2] version; ARGV: value, expected version ('' = any), ttl ms, version ttl ms
    private static final LuaScript WRITE = new LuaScript("""
            local current = redis.call('GET', KEYS[2]) or '0'
            if ARGV[2] ~= '' and current ~= ARGV[2] then
              return 0
            end
            redis.call('SET', KEYS[1], current .. '\\n' .. ARGV[1], 'PX', ARGV[3])
            if current ~= '0' then
              redis.call('PEXPIRE', KEYS[2], ARGV[4])
            end
            return 1
            """);
    private static final LuaScript BUMP = new LuaScript(RedisSharedTier.BUMP);

    private final UnifiedJedis redis;
    private final KeyFormat keys;
    private final Duration versionTtl;

    public RedisNamedValues(UnifiedJedis redis, KeyFormat keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.versionTtl = RedisSharedTier.DEFAULT_VERSION_TTL;
    }

    @Override
    public NamedRead read(String cacheName, String key) {
        byte[] valueKey = bytes(keys.namedValueKey(cacheName, key));
        byte[] versionKey = bytes(keys.namedVersionKey(cacheName));
        List<byte[]> found = RedisFailures.call("read of " + cacheName, () -> redis.mget(valueKey, versionKey));
        long version = found.get(1) == null ? 0 : parse(found.get(1), cacheName);
        byte[] stored = found.get(0);
        if (stored == null) {
            return new NamedRead(null, version);
        }
        int newline = indexOf(stored, (byte) '\n');
        if (newline < 0 || parse(Arrays.copyOfRange(stored, 0, newline), cacheName) != version) {
            return new NamedRead(null, version);
        }
        return new NamedRead(Arrays.copyOfRange(stored, newline + 1, stored.length), version);
    }

    @Override
    public boolean writeIfVersion(String cacheName, String key, byte[] value, long version, Duration ttl) {
        return write(cacheName, key, value, Long.toString(version), ttl);
    }

    @Override
    public void put(String cacheName, String key, byte[] value, Duration ttl) {
        write(cacheName, key, value, "", ttl);
    }

    @Override
    public void delete(String cacheName, String key) {
        String valueKey = keys.namedValueKey(cacheName, key);
        RedisFailures.call("delete in " + cacheName, () -> redis.del(valueKey));
    }

    @Override
    public long bumpVersion(String cacheName) {
        List<byte[]> versionKey = List.of(bytes(keys.namedVersionKey(cacheName)));
        List<byte[]> ttl = List.of(bytes(Long.toString(versionTtl.toMillis())));
        Object bumped = RedisFailures.call("clear of " + cacheName, () -> BUMP.run(redis, versionKey, ttl));
        return (Long) bumped;
    }

    private boolean write(String cacheName, String key, byte[] value, String expected, Duration ttl) {
        long ttlMillis = Math.max(1, ttl.toMillis());
        List<byte[]> scriptKeys = List.of(bytes(keys.namedValueKey(cacheName, key)),
                bytes(keys.namedVersionKey(cacheName)));
        List<byte[]> args = List.of(value, bytes(expected), bytes(Long.toString(ttlMillis)),
                bytes(Long.toString(Math.max(ttlMillis, versionTtl.toMillis()))));
        Object stored = RedisFailures.call("write in " + cacheName, () -> WRITE.run(redis, scriptKeys, args));
        return Long.valueOf(1).equals(stored);
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length && i < 20; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static long parse(byte[] text, String cacheName) {
        try {
            return Long.parseLong(new String(text, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new CacheTierUnavailableException("Redis read failed: the version of cache " + cacheName
                    + " is not a number", null);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
