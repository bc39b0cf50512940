package io.dashcache.application.port.in.invalidation;

import io.dashcache.domain.DataType;
import io.dashcache.domain.UserId;
import java.util.Objects;

/** An operator's invalidation: one user's data, one data type, one type of one user, or everything. */
public record InvalidationRequest(UserId user, DataType type, boolean all) {

    public InvalidationRequest {
        if (all == (user != null || type != null)) {
            throw new IllegalArgumentException("name a user, a type, both, or everything");
        }
    }

    public static InvalidationRequest user(UserId user) {
        return new InvalidationRequest(Objects.requireNonNull(user), null, false);
    }

    public static InvalidationRequest type(DataType type) {
        return new InvalidationRequest(null, Objects.requireNonNull(type), false);
    }

    public static InvalidationRequest userAndType(UserId user, DataType type) {
        return new InvalidationRequest(Objects.requireNonNull(user), Objects.requireNonNull(type), false);
    }

    public static InvalidationRequest allEntries() {
        return new InvalidationRequest(null, null, true);
    }
}
