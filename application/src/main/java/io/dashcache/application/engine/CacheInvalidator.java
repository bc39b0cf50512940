package io.dashcache.application.engine;

import io.dashcache.application.port.in.invalidation.InvalidateCache;
import io.dashcache.application.port.in.invalidation.InvalidationRequest;
import io.dashcache.application.port.in.invalidation.ReceiveInvalidation;
import io.dashcache.application.port.messages.InvalidationLagStage;
import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.application.port.out.invalidation.InvalidationBroadcast;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.port.out.reading.LocalCacheTier;
import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.application.port.out.time.TimeSource;
import io.dashcache.domain.DashboardScope;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.InvalidInputException;
import io.dashcache.domain.InvalidationRule;
import io.dashcache.domain.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes scopes stale everywhere: bumps their versions in L2 (every value stored under the old
 * version is dead from that instant, on every instance, in O(1) of the number of cached keys),
 * drops them from this instance's L1, and broadcasts so every other instance drops them too.
 * Also applies the broadcasts that other instances send.
 *
 * <p>An {@link InvalidationListener} hears of each invalidation once: of this instance's own at
 * once (its broadcast, coming back from Redis, is recognised by its origin and not told again),
 * of other instances' when their broadcast arrives.
 */
public final class CacheInvalidator implements InvalidateCache, ReceiveInvalidation {

    private static final Logger LOG = LoggerFactory.getLogger(CacheInvalidator.class);

    private final LocalCacheTier local;
    private final SharedCacheTier shared;
    private final InvalidationBroadcast broadcast;
    private final LocalFillGuard guard;
    private final CacheMetrics metrics;
    private final String instanceId;
    private final TimeSource time;
    private final List<InvalidationListener> listeners = new CopyOnWriteArrayList<>();

    public CacheInvalidator(LocalCacheTier local, SharedCacheTier shared, InvalidationBroadcast broadcast,
                            LocalFillGuard guard, CacheMetrics metrics, String instanceId) {
        this(local, shared, broadcast, guard, metrics, instanceId, InvalidationListener.NONE);
    }

    /** @param listener told of every invalidation, this instance's and the others' (the change feed) */
    public CacheInvalidator(LocalCacheTier local, SharedCacheTier shared, InvalidationBroadcast broadcast,
                            LocalFillGuard guard, CacheMetrics metrics, String instanceId,
                            InvalidationListener listener) {
        this(local, shared, broadcast, guard, metrics, instanceId, listener, TimeSource.system());
    }

    /** @param time the instance's time, against which an event's invalidation lag is measured */
    public CacheInvalidator(LocalCacheTier local, SharedCacheTier shared, InvalidationBroadcast broadcast,
                            LocalFillGuard guard, CacheMetrics metrics, String instanceId,
                            InvalidationListener listener, TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
        this.local = Objects.requireNonNull(local, "local");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.broadcast = Objects.requireNonNull(broadcast, "broadcast");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Invalidates scopes on every instance.
     *
     * @throws CacheTierUnavailableException when L2 cannot record the new versions, or the broadcast
     *         to the other instances fails; L1 is dropped anyway, and the caller should retry
     */
    public void invalidateScopes(Set<? extends Scope> scopes, String cause) {
        invalidateScopes(scopes, cause, null);
    }

    /**
     * Invalidates scopes on every instance, naming the engine event that made them stale.
     *
     * @param eventId the engine event's id, or {@code null} when no event caused it
     * @throws CacheTierUnavailableException as {@link #invalidateScopes(Set, String)}
     */
    public void invalidateScopes(Set<? extends Scope> scopes, String cause, String eventId) {
        invalidateScopes(scopes, cause, eventId, null, null);
    }

    /**
     * Invalidates scopes on every instance for an engine event, measuring its lag to the version bump
     * here; the broadcast carries its times, so every instance measures its lag to hearing it.
     *
     * @param occurredAt when the event happened, or {@code null}
     * @param streamedAt when it entered the event stream, or {@code null} (the webhook)
     * @throws CacheTierUnavailableException as {@link #invalidateScopes(Set, String)}
     */
    public void invalidateScopes(Set<? extends Scope> scopes, String cause, String eventId, Instant occurredAt,
                                 Instant streamedAt) {
        RuntimeException broadcastFailure = null;
        InvalidationMessage message = InvalidationMessage.ofScopes(instanceId, scopes, eventId, occurredAt, streamedAt);
        boolean broadcastWithBumps = false;
        try {
            // one round trip fewer where L2 can publish strictly after the bumps (one server); else as before
            broadcastWithBumps = shared.bumpVersionsAndBroadcast(scopes, message);
            recordLag(InvalidationLagStage.OCCURRED_TO_BUMPED, occurredAt, InvalidationLagStage.STREAM_TO_BUMPED,
                    streamedAt);
        } finally {
            dropLocal(scopes);
            if (broadcastWithBumps) {
                tell(message);
            } else {
                broadcastFailure = publish(message, true);
            }
        }
        failIfNotBroadcast(broadcastFailure);
        metrics.recordInvalidation(cause, scopes.size());
    }

    @Override
    public Summary invalidate(InvalidationRequest request) {
        if (request.all()) {
            return invalidateEverything();
        }
        if (request.user() != null) {
            Set<DashboardScope> scopes = request.type() == null
                    ? InvalidationRule.allOfUser(request.user())
                    : Set.of(userScope(request));
            invalidateScopes(scopes, "operator");
            return new Summary(scopes.size(), 0);
        }
        DataType type = request.type();
        if (!type.scopeKind().isPerUser()) {
            invalidateScopes(Set.of(Scope.global(type)), "operator");
            return new Summary(1, 0);
        }
        // A per-user type for every user: no single version covers it, so walk L2 (operator tool only).
        // No version moves for a load in flight to fail its compare-and-set on: so every instance first
        // drops its copies and stops storing what its loads in flight bring back, then L2 is walked,
        // then every instance drops again what it may have read from L2 before the walk reached it
        // (also when the walk fails: this instance's L1 goes whatever Redis does).
        dropTypeEverywhere(type, false);
        long deleted;
        RuntimeException broadcastFailure;
        try {
            deleted = shared.deleteType(type);
        } finally {
            broadcastFailure = dropTypeEverywhere(type, true);
        }
        failIfNotBroadcast(broadcastFailure);
        metrics.recordInvalidation("operator", 0);
        return new Summary(0, deleted);
    }

    private Summary invalidateEverything() {
        Set<DashboardScope> globals = new LinkedHashSet<>();
        long deleted = 0;
        RuntimeException broadcastFailure;
        dropEverythingEverywhere(false); // before the walk as well, for the reason given for a type above
        try {
            for (DataType type : DataType.values()) {
                if (type.scopeKind().isPerUser()) {
                    deleted += shared.deleteType(type);
                } else {
                    globals.add(Scope.global(type));
                }
            }
            shared.bumpVersions(globals);
        } finally {
            broadcastFailure = dropEverythingEverywhere(true);
        }
        failIfNotBroadcast(broadcastFailure);
        metrics.recordInvalidation("operator", globals.size());
        return new Summary(globals.size(), deleted);
    }

    /**
     * @param done whether the invalidation is complete, so this instance's listener hears it (once)
     * @return the broadcast's failure, or {@code null}
     */
    private RuntimeException dropTypeEverywhere(DataType type, boolean done) {
        guard.invalidatedAll();
        local.invalidateType(type);
        return publish(InvalidationMessage.ofType(instanceId, type), done);
    }

    private RuntimeException dropEverythingEverywhere(boolean done) {
        guard.invalidatedAll();
        local.clear();
        return publish(InvalidationMessage.ofEverything(instanceId), done);
    }

    /**
     * Other instances may still hold what was invalidated while their subscriptions look healthy (on a
     * cluster the publisher's node can be down while theirs is not): the caller must hear of it and retry.
     */
    private static void failIfNotBroadcast(RuntimeException broadcastFailure) {
        if (broadcastFailure != null) {
            throw new CacheTierUnavailableException("the invalidation was made in Redis but the broadcast to other "
                    + "instances failed: " + broadcastFailure.getMessage(), broadcastFailure);
        }
    }

    private static DashboardScope userScope(InvalidationRequest request) {
        if (!request.type().scopeKind().isPerUser()) {
            throw new InvalidInputException("type", request.type().segment()
                    + " is the same for every user: invalidate it without a userId");
        }
        return Scope.ofUser(request.type(), request.user());
    }

    @Override
    public void onInvalidation(InvalidationMessage message) {
        // heard on every instance, this one's own broadcast included: the lag to each instance
        recordLag(InvalidationLagStage.OCCURRED_TO_HEARD, message.occurredAt(), InvalidationLagStage.STREAM_TO_HEARD,
                message.streamedAt());
        // This instance's own broadcast coming back: its stamps already moved, synchronously, when it
        // invalidated. Moving them again now would refuse the stores of loads begun after that, which read
        // the new data: wasted loads, and a second instance loading what the first was about to store.
        boolean mine = instanceId.equals(message.origin());
        if (message.everything()) {
            if (!mine) {
                guard.invalidatedAll();
            }
            local.clear();
        } else {
            if (!message.types().isEmpty()) {
                if (!mine) {
                    guard.invalidatedAll();
                }
                message.types().forEach(local::invalidateType);
            }
            // This instance dropped its own scopes when it invalidated them, and every fill since passed the
            // fill guard, whose stamps moved then: what L1 holds of them now was loaded after the invalidation
            // (a refresh on invalidation's value). Dropping it again would only make the next read miss.
            if (!mine) {
                dropLocal(message.scopes());
            }
        }
        if (!mine) {
            tell(message);
        }
    }

    /** Broadcasts may be missed from now on: L1 answers nothing until the subscription is back and L1 flushed. */
    @Override
    public void onConnectionLost() {
        if (guard.localTrusted()) {
            LOG.info("Invalidation subscription lost: reads skip L1 until it is back and L1 is flushed");
        }
        guard.distrustLocal();
    }

    /** The subscription is back: L1 is flushed of what may have missed a broadcast, then trusted again. */
    @Override
    public void onConnectionRestored() {
        flushMissed();
        guard.trustLocal();
    }

    /** L2 answers again after an outage (the circuit closed): broadcasts may have been missed meanwhile. */
    public void onSharedTierRestored() {
        flushMissed();
    }

    private void flushMissed() {
        LOG.info("Invalidation broadcasts may have been missed while Redis was away: L1 flushed");
        guard.invalidatedAll();
        local.clear();
        for (InvalidationListener each : listeners) {
            try {
                each.invalidationsMayHaveBeenMissed();
            } catch (RuntimeException e) {
                LOG.warn("An invalidation listener failed on a restored connection: {}", e.toString());
            }
        }
    }

    /**
     * An invalidation of {@code scopes} is accepted but Redis cannot record it yet: this instance drops them
     * from L1 now and reads none of them from L2 until {@link #release}.
     */
    public void holdBack(Set<? extends Scope> scopes) {
        guard.pending(scopes);
        dropLocal(scopes);
    }

    /** Whether L2 could record an invalidation of {@code scopes} now, as far as it knows without I/O. */
    public boolean canRecord(Set<? extends Scope> scopes) {
        return shared.reachable(scopes);
    }

    /** What {@link #holdBack} held back is now recorded in Redis. */
    public void release(Set<? extends Scope> scopes) {
        guard.settled(scopes);
    }

    /**
     * Tells {@code listener} too, from now on. For what is built after the core and must hear of its
     * invalidations (the warmer's refresh on invalidation needs the readers, which need the core).
     */
    public void alsoTell(InvalidationListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void dropLocal(Collection<? extends Scope> scopes) {
        scopes.forEach(guard::invalidated);
        List<EntryKey> dropped = local.invalidate(scopes);
        if (!dropped.isEmpty()) {
            for (InvalidationListener each : listeners) {
                try {
                    each.droppedFromL1(dropped);
                } catch (RuntimeException e) {
                    LOG.warn("An invalidation listener failed on {} dropped key(s): {}", dropped.size(), e.toString());
                }
            }
        }
    }

    /** The time since each known moment, now, by the instance's clock (zero when that clock is behind). */
    private void recordLag(InvalidationLagStage fromOccurred, Instant occurredAt, InvalidationLagStage fromStream,
                           Instant streamedAt) {
        if (occurredAt == null && streamedAt == null) {
            return;
        }
        Instant now = time.instant();
        if (occurredAt != null) {
            metrics.recordInvalidationLag(fromOccurred, nonNegative(Duration.between(occurredAt, now)));
        }
        if (streamedAt != null) {
            metrics.recordInvalidationLag(fromStream, nonNegative(Duration.between(streamedAt, now)));
        }
    }

    private static Duration nonNegative(Duration lag) {
        return lag.isNegative() ? Duration.ZERO : lag;
    }

    /** @return the broadcast's failure, or {@code null} when it went out */
    private RuntimeException publish(InvalidationMessage message, boolean tellListener) {
        RuntimeException failure = null;
        try {
            broadcast.publish(message);
        } catch (RuntimeException e) {
            metrics.recordTierError("publish");
            LOG.warn("Could not broadcast an invalidation ({}); other instances may serve their L1 copies "
                    + "until it is sent again or their L1 TTL ends", e.getMessage());
            failure = e;
        }
        if (tellListener) {
            tell(message);
        }
        return failure;
    }

    /** A listener's failure is its own: the invalidation itself has happened. */
    private void tell(InvalidationMessage message) {
        for (InvalidationListener each : listeners) {
            try {
                each.invalidated(message);
            } catch (RuntimeException e) {
                LOG.warn("An invalidation listener failed on a message from {}: {}", message.origin(), e.toString());
            }
        }
    }
}
