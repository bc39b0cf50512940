package io.dashcache.application.port.out;

import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;

/** Where the use cases report what they did; the adapter decides how it is exposed. */
public interface CacheMetrics {

    /** Records nothing: for tests and tools that do not measure. */
    CacheMetrics NONE = new CacheMetrics() {
    };

    /** A read answered from {@code outcome}, end to end inside the use case. */
    default void recordRead(DataType type, CacheOutcome outcome, long nanos) {
    }

    /** A read that could not be answered (engine down, nothing stale to serve). */
    default void recordReadError(DataType type, long nanos) {
    }

    /** One load from the engine. */
    default void recordLoad(DataType type, long nanos, boolean success) {
    }

    /** A loaded value the compare-and-set refused: an invalidation overtook the load. */
    default void recordStaleWriteRefused(DataType type) {
    }

    /** An invalidation applied, by cause: an event type's wire name, or {@code operator} / {@code write}. */
    default void recordInvalidation(String cause, int scopes) {
    }

    /** A call to the shared tier that failed. */
    default void recordTierError(String operation) {
    }
}
