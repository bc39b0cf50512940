package io.dashcache.adapters.redis;

import io.dashcache.application.port.out.reading.LoadLeases;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.KeyFormat;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Load leases in Redis: {@code SET {lease key} {token} NX PX {ttl}} takes one, a Lua compare-and-delete
 * on the token gives it back, so a holder whose lease expired and was taken by another can never
 * delete the other's. The lease key ({@link KeyFormat#leaseKey}) lives in its value's hash slot.
 *
 * <pre>{@code
 * LoadLeases leases = new RedisLoadLeases(connector.client(), KeyFormat.standalone("dash"), "instance-1");
 * leases.tryAcquire(key, Duration.ofMillis(2500)).ifPresent(lease -> { load(); leases.release(lease); });
 * }</pre>
 *
 * <p>The token is the holder's name and 96 random bits ({@code instance-1:3f9c...}), so an operator who
 * reads a lease key sees which instance is loading.
 */
public final class RedisLoadLeases implements LoadLeases {

    // KEYS[1] a lease; ARGV[1] the token of the holder giving it back
    private static final LuaScript RELEASE = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """);

    private final UnifiedJedis redis;
    private final KeyFormat keys;
    private final String holder;
    private final SecureRandom random = new SecureRandom();

    /** @param holder names this instance in the tokens (its instance id) */
    public RedisLoadLeases(UnifiedJedis redis, KeyFormat keys, String holder) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.holder = Objects.requireNonNull(holder, "holder");
    }

    @Override
    public Optional<Lease> tryAcquire(EntryKey key, Duration ttl) {
        String token = newToken();
        SetParams params = SetParams.setParams().nx().px(Math.max(1, ttl.toMillis()));
        String answer = RedisFailures.call("lease of " + key, () -> redis.set(keys.leaseKey(key), token, params));
        return "OK".equals(answer) ? Optional.of(new Lease(key, token)) : Optional.empty();
    }

    @Override
    public void release(Lease lease) {
        List<byte[]> scriptKeys = List.of(bytes(keys.leaseKey(lease.key())));
        List<byte[]> args = List.of(bytes(lease.token()));
        RedisFailures.call("lease release of " + lease.key(), () -> RELEASE.run(redis, scriptKeys, args));
    }

    private String newToken() {
        byte[] bits = new byte[12];
        random.nextBytes(bits);
        return holder + ':' + HexFormat.of().formatHex(bits);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
