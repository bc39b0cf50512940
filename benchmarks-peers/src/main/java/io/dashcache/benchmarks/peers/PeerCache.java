package io.dashcache.benchmarks.peers;

/**
 * One cache of the comparison, read the way its users read it: the JMH benchmarks call every peer
 * through this, and each fork loads one implementation only, so the call stays monomorphic.
 *
 * <pre>{@code
 * try (PeerCache jetcache = JetCacheTwoLevel.filled(url, prefix, values, ttl)) {
 *     byte[] value = jetcache.get("key-42");        // a local hit: no Redis call
 * }
 * }</pre>
 */
public interface PeerCache extends AutoCloseable {

    /** The value of {@code key}; every key the peer was filled with is a hit. */
    byte[] get(String key);

    /** Removes what the peer stored in Redis and closes its connections. */
    @Override
    void close();
}
