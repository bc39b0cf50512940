package io.dashcache.application.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * The read path's limits.
 *
 * @param maxWaitForLoad how long a request waits for another request's load of the same key in this
 *                       instance (a stuck load must not hold everyone); the lease wait is added to it
 * @param leaseTtl       how long a load lease lives unless released: a little over one engine call, so a
 *                       holder that died frees the key soon
 * @param leaseWait      how long a request waits for another instance's load before it loads itself
 * @param leasePoll      the first pause between two looks at L2 while waiting; it doubles up to 8 times that
 * @param maxValueBytes  an engine answer larger than this is served but cached in neither tier
 */
public record ReadPathSettings(Duration maxWaitForLoad, Duration leaseTtl, Duration leaseWait, Duration leasePoll,
                               long maxValueBytes) {

    public static final long DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;
    // short: only one request per key and instance waits (single flight), and a value loaded in a few ms
    // should be seen within one or two more, not after a 5-10 ms pause (event to fresh p99, docs/benchmarks.md)
    public static final Duration DEFAULT_LEASE_POLL = Duration.ofMillis(1);

    public ReadPathSettings {
        requirePositive("maxWaitForLoad", maxWaitForLoad);
        requirePositive("leaseTtl", leaseTtl);
        requirePositive("leaseWait", leaseWait);
        requirePositive("leasePoll", leasePoll);
        if (maxValueBytes < 1) {
            throw new IllegalArgumentException("maxValueBytes must be positive, got " + maxValueBytes);
        }
    }

    /** Leases live and are waited for as long as a load may take; values up to 1 MiB are cached. */
    public static ReadPathSettings defaults(Duration maxWaitForLoad) {
        return new ReadPathSettings(maxWaitForLoad, maxWaitForLoad, maxWaitForLoad, DEFAULT_LEASE_POLL,
                DEFAULT_MAX_VALUE_BYTES);
    }

    public ReadPathSettings withMaxValueBytes(long bytes) {
        return new ReadPathSettings(maxWaitForLoad, leaseTtl, leaseWait, leasePoll, bytes);
    }

    public ReadPathSettings withLease(Duration ttl, Duration wait) {
        return new ReadPathSettings(maxWaitForLoad, ttl, wait, leasePoll, maxValueBytes);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
