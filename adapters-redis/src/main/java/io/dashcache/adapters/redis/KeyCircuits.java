package io.dashcache.adapters.redis;

import java.util.function.Supplier;

/**
 * Runs a Redis command through the circuit of the shard that serves its key
 * ({@link CircuitBreakingSharedTier#guard}): refused at once while that shard is away, so an adapter
 * beside L2 (the applied-event markers) does not wait out a dead shard's timeouts on every call.
 */
public interface KeyCircuits {

    /** No circuit: every command goes to Redis. */
    KeyCircuits NONE = new KeyCircuits() {
        @Override
        public <T> T guard(String redisKey, Supplier<T> command) {
            return command.get();
        }
    };

    /** @throws io.dashcache.application.port.out.reading.CacheTierUnavailableException when the key's circuit is open */
    <T> T guard(String redisKey, Supplier<T> command);
}
