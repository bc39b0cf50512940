package io.dashcache.application.invalidation;

import io.dashcache.application.engine.CacheInvalidator;
import io.dashcache.application.port.in.invalidation.SubmitAnalyses;
import io.dashcache.application.port.in.invalidation.UpdatePreferences;
import io.dashcache.application.port.messages.EngineReply;
import io.dashcache.application.port.out.invalidation.EngineCommands;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes that pass through to the engine and then invalidate what they change, so the writer's
 * next read already shows the write. The engine's own event for the change follows and is applied
 * too; invalidating twice costs nothing but a miss.
 */
public final class EngineWriteThrough implements UpdatePreferences, SubmitAnalyses {

    private static final Logger LOG = LoggerFactory.getLogger(EngineWriteThrough.class);

    private final EngineCommands engine;
    private final CacheInvalidator invalidator;

    public EngineWriteThrough(EngineCommands engine, CacheInvalidator invalidator) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.invalidator = Objects.requireNonNull(invalidator, "invalidator");
    }

    @Override
    public EngineReply update(UserId user, byte[] json) {
        EngineReply reply = engine.putPreferences(user, json);
        if (reply.accepted()) {
            invalidate(Set.of(Scope.ofUser(DataType.USER_PREFERENCES, user), Scope.ofUser(DataType.WIDGET_DATA, user)));
        }
        return reply;
    }

    /** A submission shows up in the user's overview and recent activity as pending work. */
    @Override
    public EngineReply submit(UserId user, byte[] json, boolean batch) {
        EngineReply reply = engine.submitAnalyses(user, json, batch);
        if (reply.accepted()) {
            invalidate(Set.of(Scope.ofUser(DataType.OVERVIEW, user), Scope.ofUser(DataType.RECENT_ACTIVITY, user)));
        }
        return reply;
    }

    private void invalidate(Set<Scope> scopes) {
        try {
            invalidator.invalidateScopes(scopes, "write");
        } catch (CacheTierUnavailableException e) {
            // The engine has the write; L1 is dropped already, and the engine's event will bump L2.
            LOG.warn("Write accepted by the engine but L2 could not be invalidated now: {}", e.getMessage());
        }
    }
}
