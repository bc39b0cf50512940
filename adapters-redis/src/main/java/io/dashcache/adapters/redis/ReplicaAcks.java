package io.dashcache.adapters.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How many replicas must have a version bump before an invalidation counts as done ({@code WAIT}).
 *
 * <pre>{@code
 * new RedisSharedTier(connector.client(), keys, RedisSharedTier.DEFAULT_VERSION_TTL, ReplicaAcks.of(1, Duration.ofMillis(100)));
 * }</pre>
 *
 * Replication is asynchronous: a primary that dies right after it acknowledged an INCR may take the
 * new version with it, and the replica promoted in its place would still accept the values stored
 * under the old one, a stale dashboard. Waiting for a replica closes that window. When the replicas
 * do not confirm within the timeout (a primary whose replica is itself down), the invalidation still
 * counts (stopping every event would be worse) and the shortfall is counted and logged.
 *
 * @param replicas how many replicas must confirm; 0 = do not wait (one server, or a setup without replicas)
 * @param timeout  how long one WAIT may take
 */
public record ReplicaAcks(int replicas, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(100);

    public ReplicaAcks {
        Objects.requireNonNull(timeout, "timeout");
        if (replicas < 0 || replicas > 16) {
            throw new IllegalArgumentException("replicas must be from 0 to 16, got " + replicas);
        }
        if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("timeout must be from 1 ms to 10 s, got " + timeout);
        }
    }

    public static ReplicaAcks none() {
        return new ReplicaAcks(0, DEFAULT_TIMEOUT);
    }

    public static ReplicaAcks of(int replicas, Duration timeout) {
        return new ReplicaAcks(replicas, timeout);
    }

    /** One replica for a cluster or a Sentinel setup (which have replicas by design), none for one server. */
    public static ReplicaAcks defaultFor(RedisTopology topology) {
        return topology == RedisTopology.STANDALONE ? none() : of(1, DEFAULT_TIMEOUT);
    }

    boolean waits() {
        return replicas > 0;
    }
}
