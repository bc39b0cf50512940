package io.dashcache.application.port.in.invalidation;

import io.dashcache.application.port.messages.EngineReply;
import io.dashcache.domain.UserId;

/** Write a user's preferences through to the engine, then drop what they change. */
@FunctionalInterface
public interface UpdatePreferences {

    EngineReply update(UserId user, byte[] json);
}
