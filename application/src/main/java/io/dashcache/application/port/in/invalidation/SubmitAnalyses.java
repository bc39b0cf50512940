package io.dashcache.application.port.in.invalidation;

import io.dashcache.application.port.messages.EngineReply;
import io.dashcache.domain.UserId;

/** Submit video analyses to the engine for a user, then drop what the submission changes. */
@FunctionalInterface
public interface SubmitAnalyses {

    EngineReply submit(UserId user, byte[] json, boolean batch);
}
