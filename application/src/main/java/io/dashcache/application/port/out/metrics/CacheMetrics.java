package io.dashcache.application.port.out.metrics;

import io.dashcache.application.port.messages.InvalidationLagStage;
import io.dashcache.application.port.messages.WarmKind;
import io.dashcache.application.port.messages.WarmOutcome;
import io.dashcache.domain.CacheOutcome;
import java.time.Duration;
import java.util.function.IntSupplier;

/** Where the use cases report what they did; the adapter decides how it is exposed. */
public interface CacheMetrics {

    /** Records nothing: for tests and tools that do not measure. */
    CacheMetrics NONE = new CacheMetrics() {
    };

    // cache: the cache's name, a dashboard data type's segment or a named cache's ("app.orders")

    /** A read answered from {@code outcome}, end to end inside the use case. */
    default void recordRead(String cache, CacheOutcome outcome, long nanos) {
    }

    /**
     * A read L1 answered: counted, not timed (a hash lookup takes well under a microsecond; timing it
     * would cost more than the hit). The report counts it among the fastest reads.
     */
    default void recordL1Hit(String cache) {
        recordRead(cache, CacheOutcome.L1_HIT, 0);
    }

    /** A read that could not be answered (engine down, nothing stale to serve). */
    default void recordReadError(String cache, long nanos) {
    }

    /** One load from the engine. */
    default void recordLoad(String cache, long nanos, boolean success) {
    }

    /** A loaded value the compare-and-set refused: an invalidation overtook the load. */
    default void recordStaleWriteRefused(String cache) {
    }

    /** An invalidation applied, by cause: an event type's wire name, or {@code operator} / {@code write}. */
    default void recordInvalidation(String cause, int scopes) {
    }

    /** A call to the shared tier that failed. */
    default void recordTierError(String operation) {
    }

    /** An engine answer larger than {@code DASHCACHE_MAX_VALUE_BYTES}: served, but cached in neither tier. */
    default void recordUncacheable(String cache) {
    }

    /** An engine answer refused before it was cached (not well-formed JSON, not an object or array, too large). */
    default void recordBadEngineAnswer(String cache) {
    }

    /**
     * A load that found another instance holding the key's lease and waited for it.
     *
     * @param servedByWinner whether the other instance's value arrived in L2 (else this one loaded after all)
     */
    default void recordLeaseWait(String cache, long nanos, boolean servedByWinner) {
    }

    /** One warm task ended ({@link WarmOutcome#DROPPED}: it was never queued). */
    default void recordWarm(WarmKind kind, WarmOutcome outcome) {
    }

    /** Called once by the warmer: the length of its queue, to read whenever metrics are collected. */
    default void watchWarmQueue(IntSupplier length) {
    }

    /**
     * How long an engine event took to reach {@code stage}'s end, measured with the instance's
     * {@code TimeSource} against the event's times (zero when a clock ahead made it negative).
     */
    default void recordInvalidationLag(InvalidationLagStage stage, Duration lag) {
    }
}
