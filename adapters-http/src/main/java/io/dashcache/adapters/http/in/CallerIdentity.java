package io.dashcache.adapters.http.in;

import io.dashcache.domain.UserId;
import io.javalin.http.Context;

/**
 * Who is calling, as {@code DASHCACHE_AUTH} says: the {@code X-User-Id} header behind a trusted
 * gateway ({@link HeaderCallerIdentity}), or a verified bearer token ({@link JwtCallerIdentity}).
 * {@link #admit} runs before every {@code /api/} route; {@link #userOf} only in the routes that need
 * a user, so a global read never fails on a missing user.
 */
interface CallerIdentity {

    /** Operator endpoints: everything under {@code /api/cache/} except reading the metrics. */
    static boolean isOperatorAction(Context ctx) {
        String path = ctx.path();
        return path.startsWith("/api/cache/")
                && !("GET".equals(ctx.method().name()) && path.equals("/api/cache/metrics"));
    }

    /**
     * The webhook's path as Javalin routes it (a trailing slash is ignored). Only used to let a
     * signed request through without a token, so a spelling not listed here fails closed.
     */
    static boolean isEventPost(Context ctx) {
        String path = ctx.path();
        return "POST".equals(ctx.method().name()) && (path.equals("/api/events") || path.equals("/api/events/"));
    }

    static CallerIdentity from(AuthSettings settings) {
        return settings.isJwt() ? new JwtCallerIdentity(settings) : new HeaderCallerIdentity();
    }

    /**
     * Lets the request through, or refuses it.
     *
     * @throws HttpProblem {@code 401} when the caller is not authenticated, {@code 403} when not allowed
     */
    void admit(Context ctx);

    /** The caller's user; {@code 400} or {@code 401} when there is none. */
    UserId userOf(Context ctx);

    /**
     * Lets an event sender through, or refuses it: events flush other users' caches, so a reader's
     * token is not enough (runs in the webhook, after {@link #admit}).
     *
     * @throws HttpProblem {@code 403} when the caller may not post events
     */
    void admitEventSender(Context ctx);

    /** Whether {@code authorization} is a valid bearer token with the admin scope (never under {@code none}). */
    boolean isAdmin(String authorization);
}
