package io.dashcache.application.port.out.reading;

import io.dashcache.domain.EntryKey;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Short leases that let one instance at a time load a key from the engine, so a dashboard that
 * every instance is asked for at once costs the engine one load, not one per instance. A lease
 * is a token under {@link io.dashcache.domain.KeyFormat#leaseKey}; it expires by itself, so a holder
 * that dies frees the key after {@code ttl}. Every method may throw
 * {@link CacheTierUnavailableException}; callers then load without a lease.
 */
public interface LoadLeases {

    /** For an instance without a shared tier: it is alone, so every lease is granted at once. */
    LoadLeases UNSHARED = new LoadLeases() {
        @Override
        public Optional<Lease> tryAcquire(EntryKey key, Duration ttl) {
            return Optional.of(new Lease(key, "unshared"));
        }

        @Override
        public void release(Lease lease) {
        }
    };

    /**
     * Takes the lease of {@code key} for {@code ttl} unless another holder has it.
     *
     * @return the lease, or empty when another holder (another instance) has it now
     */
    Optional<Lease> tryAcquire(EntryKey key, Duration ttl);

    /** Gives the lease back, only if it is still this holder's (compare-and-delete on the token). */
    void release(Lease lease);

    /** A granted lease: the key and the random token that proves who holds it. */
    record Lease(EntryKey key, String token) {
        public Lease {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(token, "token");
        }
    }
}
