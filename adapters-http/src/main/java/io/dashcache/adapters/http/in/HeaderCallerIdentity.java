package io.dashcache.adapters.http.in;

import io.dashcache.domain.UserId;
import io.javalin.http.Context;
import java.util.Collections;

/**
 * {@code DASHCACHE_AUTH=none}: the {@code X-User-Id} header, set by a trusted gateway in front,
 * which also guards the operator endpoints.
 */
final class HeaderCallerIdentity implements CallerIdentity {

    static final String USER_HEADER = "X-User-Id";

    @Override
    public void admit(Context ctx) {
        // the gateway in front has decided already
    }

    @Override
    public UserId userOf(Context ctx) {
        // two of them mean two parties disagree on who is calling (a gateway that appends): refuse to pick one
        if (Collections.list(ctx.req().getHeaders(USER_HEADER)).size() > 1) {
            throw HttpProblem.invalid("exactly one " + USER_HEADER + " header is allowed");
        }
        String value = ctx.header(USER_HEADER);
        if (value == null || value.isEmpty()) {
            throw HttpProblem.invalid("the " + USER_HEADER + " header is required for this resource");
        }
        return UserId.of(value);
    }

    @Override
    public void admitEventSender(Context ctx) {
        // the gateway in front has decided already
    }

    @Override
    public boolean isAdmin(String authorization) {
        return false;
    }
}
