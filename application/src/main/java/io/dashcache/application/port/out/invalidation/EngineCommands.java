package io.dashcache.application.port.out.invalidation;

import io.dashcache.application.port.messages.EngineReply;
import io.dashcache.domain.UserId;

/**
 * The engine's write side: what dashcache forwards and then invalidates after.
 *
 * @see EngineReply what it answers, passed back to the caller unchanged
 */
public interface EngineCommands {

    /** {@code PUT /v1/user_preferences?userId=U}. */
    EngineReply putPreferences(UserId user, byte[] json);

    /** {@code POST /v1/analyses} or, with {@code batch}, {@code POST /v1/analyses/batch}. */
    /** @throws io.dashcache.application.port.out.reading.SourceUnavailableException when the engine fails, times out or cannot be reached */
    EngineReply submitAnalyses(UserId user, byte[] json, boolean batch);
}
