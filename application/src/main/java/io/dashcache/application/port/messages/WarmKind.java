package io.dashcache.application.port.messages;

/** Why a key is warmed; declared from the most to the least urgent, which is the warmer's priority order. */
public enum WarmKind {
    /** an operator asked ({@code POST /api/cache/warm}) */
    ON_DEMAND,
    /** a user's first read warms the rest of that user's dashboard */
    USER_TRIGGERED,
    /** a hot entry refreshed ahead of its expiry (probabilistic early expiration) */
    BACKGROUND,
    /** the hottest keys, on an interval */
    SCHEDULED
}
