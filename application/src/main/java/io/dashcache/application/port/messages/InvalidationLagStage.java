package io.dashcache.application.port.messages;

import java.util.Locale;

/**
 * Which stretch of an engine event's way through dashcache a lag measures: from when the event
 * happened (its {@code occurredAt}, the engine's clock) or from its entry in the event stream (the
 * entry id's milliseconds, Redis' clock), to its scopes' versions bumped in L2 (on the instance
 * that applied it) or to its broadcast heard (on every instance, the applying one included).
 */
public enum InvalidationLagStage {
    OCCURRED_TO_BUMPED,
    STREAM_TO_BUMPED,
    OCCURRED_TO_HEARD,
    STREAM_TO_HEARD;

    /** The stage as a metric label: {@code occurred_to_bumped} and so on. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
