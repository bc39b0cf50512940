package io.dashcache.application.reading;

import io.dashcache.application.port.out.reading.DashboardSource;
import io.dashcache.application.port.out.reading.SourceAnswer;
import io.dashcache.application.port.out.reading.SourceUnavailableException;
import io.dashcache.domain.CacheKey;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A bulkhead in front of the engine: at most {@code maxConcurrent} loads at a time. When the engine
 * is slow every load holds its thread for the whole engine timeout; without a bound, a burst of
 * misses would park every request thread there and the instance would stop answering even what
 * it has cached. A caller that finds no free slot within {@code maxWait} fails at once with
 * {@link SourceUnavailableException.Reason#UNREACHABLE} (a 503), and the read path serves a stale
 * value instead when it has one.
 *
 * <pre>{@code
 * EngineBulkhead bulkhead = new EngineBulkhead(16, Duration.ofMillis(100));
 * DashboardSource bounded = key -> bulkhead.fetch(key, httpClient);   // composed where the ports are wired
 * }</pre>
 *
 * A policy on the way to the outbound port, not an implementation of it: the composition root puts it
 * in front of the engine client.
 */
public final class EngineBulkhead {

    private final Semaphore slots;
    private final int maxConcurrent;
    private final long maxWaitNanos;

    /**
     * @param maxConcurrent engine loads allowed at once ({@code DASHCACHE_ENGINE_MAX_CONCURRENCY})
     * @param maxWait       how long a load may wait for a slot ({@code DASHCACHE_ENGINE_QUEUE_WAIT_MS})
     */
    public EngineBulkhead(int maxConcurrent, Duration maxWait) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("engine concurrency must be at least 1, got " + maxConcurrent);
        }
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("engine queue wait must be zero or more, got " + maxWait);
        }
        this.maxConcurrent = maxConcurrent;
        this.slots = new Semaphore(maxConcurrent);
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** {@code engine}'s answer for {@code key}, if a slot frees up within the wait. */
    public SourceAnswer fetch(CacheKey key, DashboardSource engine) {
        if (!acquire()) {
            throw new SourceUnavailableException(SourceUnavailableException.Reason.UNREACHABLE,
                    "all " + maxConcurrent + " engine slots are busy (the engine is slow); not queueing " + key);
        }
        try {
            return engine.fetch(key);
        } finally {
            slots.release();
        }
    }

    /** Loads running now (for tests and metrics). */
    public int inFlight() {
        return maxConcurrent - slots.availablePermits();
    }

    private boolean acquire() {
        try {
            return slots.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
