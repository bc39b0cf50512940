package io.dashcache.application.port.in.invalidation;

import io.dashcache.domain.EngineEvent;

/** Apply an engine event: make stale exactly what it changed, on every instance. Idempotent by event id. */
@FunctionalInterface
public interface ApplyEngineEvent {

    enum Outcome {
        APPLIED,
        DUPLICATE
    }

    /**
     * @throws io.dashcache.application.port.out.reading.CacheTierUnavailableException when the shared tier
     *         cannot record it; the event must then be retried (not acknowledged)
     */
    Outcome apply(EngineEvent event);
}
