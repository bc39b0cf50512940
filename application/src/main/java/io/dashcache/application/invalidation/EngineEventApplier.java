package io.dashcache.application.invalidation;

import io.dashcache.application.engine.CacheInvalidator;
import io.dashcache.application.port.in.invalidation.ApplyEngineEvent;
import io.dashcache.application.port.out.invalidation.AppliedEvents;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.InvalidationRule;
import java.time.Instant;
import java.util.Objects;

/**
 * Applies an engine event once: the invalidation rule names the stale scopes, the invalidator
 * makes them stale everywhere, and only then is the event remembered as applied. A crash in
 * between means the event is applied again later, which only costs a cache miss.
 */
public final class EngineEventApplier implements ApplyEngineEvent {

    private final CacheInvalidator invalidator;
    private final AppliedEvents applied;

    public EngineEventApplier(CacheInvalidator invalidator, AppliedEvents applied) {
        this.invalidator = Objects.requireNonNull(invalidator, "invalidator");
        this.applied = Objects.requireNonNull(applied, "applied");
    }

    @Override
    public Outcome apply(EngineEvent event) {
        return apply(event, null);
    }

    @Override
    public Outcome apply(EngineEvent event, Instant streamedAt) {
        if (applied.isApplied(event.eventId())) {
            return Outcome.DUPLICATE;
        }
        invalidator.invalidateScopes(InvalidationRule.staleScopes(event), event.type().wireName(), event.eventId(),
                event.occurredAt(), streamedAt);
        applied.markApplied(event.eventId());
        return Outcome.APPLIED;
    }
}
