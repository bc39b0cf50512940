package io.dashcache.application.port.in.warming;

import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.InvalidInputException;
import io.dashcache.domain.UserId;
import java.util.Objects;

/** What an operator asks the warmer to load ahead of the readers. */
public sealed interface WarmRequest {

    /** The largest {@link Hottest} request. */
    int MAX_HOTTEST = 1000;

    /**
     * One user's whole dashboard: the user's overview, preferences, recent activity and
     * notifications, the widgets this instance has seen the user read, and the global data every
     * dashboard shows (system status, performance metrics, analytics and aggregated analytics for
     * every period).
     */
    record Dashboard(UserId user) implements WarmRequest {
        public Dashboard {
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * Every key of one type: the one key of a global type, each period of a period type, the key of
     * a per-user type for {@code user}, or each widget this instance has seen {@code user} read.
     */
    record OfType(DataType type, UserId user) implements WarmRequest {
        public OfType {
            Objects.requireNonNull(type, "type");
            if (type.scopeKind().isPerUser() && user == null) {
                throw new InvalidInputException("userId", type.segment() + " is per user: name the userId to warm");
            }
            if (!type.scopeKind().isPerUser() && user != null) {
                throw new InvalidInputException("userId", type.segment()
                        + " is the same for every user: warm it without a userId");
            }
        }
    }

    /** Exactly one key. */
    record OneKey(CacheKey key) implements WarmRequest {
        public OneKey {
            Objects.requireNonNull(key, "key");
        }
    }

    /** The {@code count} keys this instance has read most often lately (1 to {@link #MAX_HOTTEST}). */
    record Hottest(int count) implements WarmRequest {
        public Hottest {
            if (count < 1 || count > MAX_HOTTEST) {
                throw new InvalidInputException("hottest", "hottest must be from 1 to " + MAX_HOTTEST + ", got " + count);
            }
        }
    }
}
