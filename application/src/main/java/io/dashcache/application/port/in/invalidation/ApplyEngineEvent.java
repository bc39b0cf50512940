package io.dashcache.application.port.in.invalidation;

import io.dashcache.domain.EngineEvent;
import java.time.Instant;

/** Apply an engine event: make stale exactly what it changed, on every instance. Idempotent by event id. */
@FunctionalInterface
public interface ApplyEngineEvent {

    enum Outcome {
        APPLIED,
        DUPLICATE,
        /** accepted while Redis could not record it: kept, and applied before L2 is read again for its scopes */
        QUEUED
    }

    /**
     * @throws io.dashcache.application.port.out.reading.CacheTierUnavailableException when the shared tier
     *         cannot record it; the event must then be retried (not acknowledged)
     */
    Outcome apply(EngineEvent event);

    /**
     * As {@link #apply(EngineEvent)}, for an event read from the event stream: {@code streamedAt}, when
     * its entry was added (the entry id's milliseconds), is what the invalidation lag from the stream is
     * measured from. This default drops it.
     */
    default Outcome apply(EngineEvent event, Instant streamedAt) {
        return apply(event);
    }

    /**
     * As {@link #apply(EngineEvent)}, for a sender that cannot wait (the webhook): an event that Redis
     * cannot record now may be kept and applied later ({@link Outcome#QUEUED}). This default applies it.
     *
     * @throws io.dashcache.application.port.out.reading.CacheTierUnavailableException when it can neither
     *         be recorded nor kept; it must then be sent again
     */
    default Outcome accept(EngineEvent event) {
        return apply(event);
    }
}
