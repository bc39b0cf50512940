package io.dashcache.application.port.out.invalidation;

import io.dashcache.application.port.out.reading.SourceUnavailableException;
import io.dashcache.domain.UserId;

/** The engine's write side: what dashcache forwards and then invalidates after. */
public interface EngineCommands {

    /** {@code PUT /v1/user_preferences?userId=U}. */
    EngineReply putPreferences(UserId user, byte[] json);

    /** {@code POST /v1/analyses} or, with {@code batch}, {@code POST /v1/analyses/batch}. */
    EngineReply submitAnalyses(UserId user, byte[] json, boolean batch);

    /**
     * The engine's status and JSON body, passed back to the caller unchanged.
     *
     * @throws SourceUnavailableException when the engine fails, times out or cannot be reached
     */
    record EngineReply(int status, byte[] body) {
        public boolean accepted() {
            return status >= 200 && status < 300;
        }
    }
}
