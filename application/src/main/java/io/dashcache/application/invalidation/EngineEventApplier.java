package io.dashcache.application.invalidation;

import io.dashcache.application.engine.CacheInvalidator;
import io.dashcache.application.invalidation.PendingEvents.Pending;
import io.dashcache.application.port.in.invalidation.ApplyEngineEvent;
import io.dashcache.application.port.out.invalidation.AppliedEvents;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.domain.DashboardScope;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.InvalidationRule;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an engine event once: the invalidation rule names the stale scopes, the invalidator
 * makes them stale everywhere, and only then is the event remembered as applied. A crash in
 * between means the event is applied again later, which only costs a cache miss.
 *
 * <p>An event handed over by {@link #accept} (the webhook) while Redis cannot record it is kept, up to
 * the capacity, instead of refused (on a Redis Cluster, only an event with a scope on a shard that is away:
 * the others are applied at once): this instance drops the scopes from its L1 and reads none of them
 * from L2 (which still holds what was valid before the event) until {@link #replayPending()} has
 * recorded it there, which the core calls as soon as Redis answers again and before L2 is trusted. A
 * full queue refuses (the caller retries), counted and logged; nothing is dropped. Events from the
 * stream ({@link #apply}) are never queued: their entries stay pending in Redis until applied.
 */
public final class EngineEventApplier implements ApplyEngineEvent {

    /** How many accepted but unrecorded events an instance keeps by default ({@code DASHCACHE_PENDING_EVENTS_MAX}). */
    public static final int DEFAULT_MAX_PENDING = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(EngineEventApplier.class);

    private final CacheInvalidator invalidator;
    private final AppliedEvents applied;
    private final PendingEvents pending;
    private final Object replaying = new Object();
    // whether the queue has been full since it was last empty: logged once per episode
    private volatile boolean fullLogged;

    /** Without a queue: {@link #accept} refuses what Redis cannot record, as {@link #apply} does. */
    public EngineEventApplier(CacheInvalidator invalidator, AppliedEvents applied) {
        this(invalidator, applied, 0);
    }

    /** @param maxPending how many accepted events are kept while Redis cannot record them; 0: none */
    public EngineEventApplier(CacheInvalidator invalidator, AppliedEvents applied, int maxPending) {
        this.invalidator = Objects.requireNonNull(invalidator, "invalidator");
        this.applied = Objects.requireNonNull(applied, "applied");
        this.pending = new PendingEvents(maxPending);
    }

    @Override
    public Outcome apply(EngineEvent event) {
        return apply(event, null);
    }

    /**
     * The applied-marker is a shortcut, not the guarantee: when it cannot be read or written (its key lives
     * on a shard that is away while the event's scopes do not) the event is applied all the same, since
     * applying it again later only costs a miss.
     */
    @Override
    public Outcome apply(EngineEvent event, Instant streamedAt) {
        if (markedApplied(event)) {
            return Outcome.DUPLICATE;
        }
        record(event, InvalidationRule.staleScopes(event), streamedAt);
        return Outcome.APPLIED;
    }

    /** Bumps and broadcasts {@code scopes} of the event; once they are the last of it, marks it applied. */
    private void record(EngineEvent event, Set<DashboardScope> scopes, Instant streamedAt) {
        invalidator.invalidateScopes(scopes, event.type().wireName(), event.eventId(), event.occurredAt(), streamedAt);
        try {
            applied.markApplied(event.eventId());
        } catch (CacheTierUnavailableException e) {
            LOG.debug("engine event {} applied but not marked (a redelivery applies it again): {}", event.eventId(),
                    e.getMessage());
        }
    }

    private boolean markedApplied(EngineEvent event) {
        try {
            return applied.isApplied(event.eventId());
        } catch (CacheTierUnavailableException e) {
            LOG.debug("whether engine event {} was applied is unknown, applying it: {}", event.eventId(),
                    e.getMessage());
            return false;
        }
    }

    /**
     * Applies the event now, or keeps what Redis cannot record of it ({@code QUEUED}). L2 says without I/O
     * which of its scopes live on a shard that is away (its circuit open): the others are recorded at once
     * and only those are kept, so a dead shard holds up neither the events nor the L2 reads of the others.
     * When recording fails, the whole event is kept.
     *
     * @throws CacheTierUnavailableException when Redis cannot record it and the queue is full (or off)
     */
    @Override
    public Outcome accept(EngineEvent event) {
        Set<DashboardScope> scopes = InvalidationRule.staleScopes(event);
        Set<DashboardScope> away = new LinkedHashSet<>();
        for (DashboardScope scope : scopes) {
            if (!invalidator.canRecord(Set.of(scope))) {
                away.add(scope);
            }
        }
        try {
            if (away.isEmpty()) {
                return apply(event, null);
            }
            if (markedApplied(event)) {
                return Outcome.DUPLICATE;
            }
            Set<DashboardScope> now = new LinkedHashSet<>(scopes);
            now.removeAll(away);
            if (!now.isEmpty()) {
                invalidator.invalidateScopes(now, event.type().wireName(), event.eventId(), event.occurredAt(), null);
            }
        } catch (CacheTierUnavailableException e) {
            return queue(event, scopes, e);
        }
        return queue(event, away, new CacheTierUnavailableException("Redis is away for " + away.size()
                + " scope(s) of engine event " + event.eventId(), null));
    }

    private Outcome queue(EngineEvent event, Set<DashboardScope> scopes, CacheTierUnavailableException cause) {
        // before it is queued: a replay may take it at once, and releases what this holds back
        invalidator.holdBack(scopes);
        if (!pending.offer(new Pending(event, scopes, null))) {
            invalidator.release(scopes);
            if (!fullLogged) {
                fullLogged = true;
                LOG.warn("{} engine events wait for Redis to record them: refusing more (503) until they are "
                        + "applied; senders must retry ({})", pending.capacity(), cause.getMessage());
            }
            throw cause;
        }
        if (pending.size() == 1) {
            LOG.warn("Redis cannot record engine event {} ({}): kept, with up to {} more, and applied before L2 "
                    + "is read again for its scopes", event.eventId(), cause.getMessage(), pending.capacity() - 1);
        }
        return Outcome.QUEUED;
    }

    /**
     * Records the kept events in the order they came, each whose kept scopes Redis can record now (the same
     * question {@link #accept} asks); one that fails, and those of shards still away, stay kept.
     *
     * @return whether none is left
     */
    public boolean replayPending() {
        synchronized (replaying) {
            int replayed = 0;
            for (Pending next : pending.inOrder()) {
                if (!invalidator.canRecord(next.scopes())) {
                    continue;
                }
                try {
                    record(next.event(), next.scopes(), next.streamedAt());
                } catch (CacheTierUnavailableException e) {
                    LOG.debug("a kept engine event is still not recorded: {}", e.getMessage());
                    continue;
                }
                pending.remove(next);
                invalidator.release(next.scopes());
                replayed++;
            }
            if (replayed > 0) {
                fullLogged = false;
                LOG.info("{} kept engine event(s) applied: Redis records them again", replayed);
            }
            return pending.size() == 0;
        }
    }

    /** Events accepted but not yet recorded in Redis. */
    public int pendingEvents() {
        return pending.size();
    }

    /** Events refused because the queue was full, since start. */
    public long refusedEvents() {
        return pending.refused();
    }
}
