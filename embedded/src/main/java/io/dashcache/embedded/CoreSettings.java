package io.dashcache.embedded;

import io.dashcache.adapters.redis.EnvelopeCodec;
import io.dashcache.adapters.redis.RedisBreakerSettings;
import io.dashcache.adapters.redis.ReplicaAcks;
import io.dashcache.application.engine.ReadPathSettings;
import io.dashcache.application.invalidation.EngineEventApplier;
import io.dashcache.domain.KeyFormat;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link DashcacheCore} is assembled from: the service's configuration and the embedded
 * builder's knobs both come down to this.
 *
 * @param redisUrl         the shared tier's URL; empty: L1-only
 * @param redisTimeout     connect and command timeout of Redis
 * @param keys             how every Redis name is spelled (prefix, cluster hash tags)
 * @param replicaAcks      replicas that must hold a version bump before it counts
 * @param breaker          when the circuit around Redis opens and for how long
 * @param l1MaxBytes       L1's memory bound; 0: no L1 at all
 * @param l1Ttl            the longest an entry stays in L1
 * @param readPath         the read path's waits, leases and size limit
 * @param refreshAheadBeta XFetch's beta for refreshes ahead of expiry; 0: none
 * @param instanceId       this instance's name in leases, broadcasts and logs
 * @param compressAboveBytes L2 stores a payload larger than this deflated ({@link EnvelopeCodec})
 * @param maxPendingEvents engine events kept while Redis cannot record them ({@link EngineEventApplier#accept})
 */
public record CoreSettings(Optional<String> redisUrl, Duration redisTimeout, KeyFormat keys, ReplicaAcks replicaAcks,
                           RedisBreakerSettings breaker, long l1MaxBytes, Duration l1Ttl, ReadPathSettings readPath,
                           double refreshAheadBeta, String instanceId, int compressAboveBytes, int maxPendingEvents) {

    /** Keeping up to {@link EngineEventApplier#DEFAULT_MAX_PENDING} events while Redis cannot record them. */
    public CoreSettings(Optional<String> redisUrl, Duration redisTimeout, KeyFormat keys, ReplicaAcks replicaAcks,
                        RedisBreakerSettings breaker, long l1MaxBytes, Duration l1Ttl, ReadPathSettings readPath,
                        double refreshAheadBeta, String instanceId, int compressAboveBytes) {
        this(redisUrl, redisTimeout, keys, replicaAcks, breaker, l1MaxBytes, l1Ttl, readPath, refreshAheadBeta,
                instanceId, compressAboveBytes, EngineEventApplier.DEFAULT_MAX_PENDING);
    }

    /** L2 compressing payloads over {@link EnvelopeCodec#DEFAULT_COMPRESS_ABOVE} bytes. */
    public CoreSettings(Optional<String> redisUrl, Duration redisTimeout, KeyFormat keys, ReplicaAcks replicaAcks,
                        RedisBreakerSettings breaker, long l1MaxBytes, Duration l1Ttl, ReadPathSettings readPath,
                        double refreshAheadBeta, String instanceId) {
        this(redisUrl, redisTimeout, keys, replicaAcks, breaker, l1MaxBytes, l1Ttl, readPath, refreshAheadBeta,
                instanceId, EnvelopeCodec.DEFAULT_COMPRESS_ABOVE);
    }

    public CoreSettings {
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(redisTimeout, "redisTimeout");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(replicaAcks, "replicaAcks");
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(l1Ttl, "l1Ttl");
        Objects.requireNonNull(readPath, "readPath");
        Objects.requireNonNull(instanceId, "instanceId");
        if (maxPendingEvents < 0) {
            throw new IllegalArgumentException("maxPendingEvents must not be negative, got " + maxPendingEvents);
        }
        if (compressAboveBytes < 0) {
            throw new IllegalArgumentException("compressAboveBytes must not be negative, got " + compressAboveBytes);
        }
        if (l1MaxBytes < 0) {
            throw new IllegalArgumentException("l1MaxBytes must not be negative, got " + l1MaxBytes);
        }
    }
}
