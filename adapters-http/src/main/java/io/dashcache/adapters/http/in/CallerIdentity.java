package io.dashcache.adapters.http.in;

import io.dashcache.domain.UserId;
import io.javalin.http.Context;

/**
 * Who is calling, under {@code DASHCACHE_AUTH=none}: the {@code X-User-Id} header, set by a trusted
 * gateway in front. Read only by the routes that need a user, so a global read never fails on it.
 */
final class CallerIdentity {

    static final String USER_HEADER = "X-User-Id";

    private CallerIdentity() {
    }

    static UserId userOf(Context ctx) {
        String value = ctx.header(USER_HEADER);
        if (value == null || value.isEmpty()) {
            throw HttpProblem.invalid("the " + USER_HEADER + " header is required for this resource");
        }
        return UserId.of(value);
    }
}
