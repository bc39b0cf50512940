package io.dashcache.adapters.http.in;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics} behind {@code DASHCACHE_METRICS_TOKEN}: the exposition names users' data
 * types, rates and the instance's state, so where it is set a scraper must send
 * {@code Authorization: Bearer <token>} (Prometheus' {@code authorization} / {@code bearer_token});
 * under {@code jwt} a token with the admin scope passes too. Unset, {@code /metrics} is open as before.
 */
final class MetricsScrapeGuard {

    private final byte[] token;
    private final CallerIdentity callers;
    private final boolean jwt;

    MetricsScrapeGuard(AuthSettings settings, CallerIdentity callers) {
        this.token = settings.metricsToken();
        this.callers = callers;
        this.jwt = settings.isJwt();
    }

    boolean enabled() {
        return token != null;
    }

    /** @throws HttpProblem {@code 401} unless the request carries the scrape token (or an admin token under jwt) */
    void admit(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.length() > 7 && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(token, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            return;
        }
        if (jwt && callers.isAdmin(authorization)) {
            return;
        }
        throw new HttpProblem(401, ErrorBody.UNAUTHORIZED, "GET /metrics needs Authorization: Bearer <DASHCACHE_METRICS_TOKEN>"
                + (jwt ? " or a token with the '" + AuthSettings.ADMIN_SCOPE + "' scope" : ""));
    }
}
