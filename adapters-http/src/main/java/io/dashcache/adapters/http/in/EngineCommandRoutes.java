package io.dashcache.adapters.http.in;

import io.dashcache.application.port.in.invalidation.SubmitAnalyses;
import io.dashcache.application.port.in.invalidation.UpdatePreferences;
import io.dashcache.application.port.messages.EngineReply;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

/**
 * The writes dashcache forwards to the engine: {@code PUT /api/dashboard/preferences},
 * {@code POST /api/analyses} and {@code POST /api/analyses/batch}. The body is checked to be JSON
 * (so garbage never reaches the engine) and then forwarded as the caller sent it; the engine's
 * status and body come back unchanged.
 */
final class EngineCommandRoutes implements RouteRegistrar {

    private final UpdatePreferences preferences;
    private final SubmitAnalyses analyses;
    private final RequestBodies bodies;
    private final CallerIdentity callers;

    EngineCommandRoutes(UpdatePreferences preferences, SubmitAnalyses analyses, RequestBodies bodies,
                        CallerIdentity callers) {
        this.preferences = preferences;
        this.analyses = analyses;
        this.bodies = bodies;
        this.callers = callers;
    }

    @Override
    public void register(JavalinDefaultRouting routes) {
        routes.put(DashboardReadRoutes.BASE + "/preferences", ctx -> relay(ctx,
                preferences.update(callers.userOf(ctx), bodies.readObjectBytes(ctx))));
        routes.post("/api/analyses", ctx -> relay(ctx,
                analyses.submit(callers.userOf(ctx), bodies.readObjectOrArrayBytes(ctx), false)));
        routes.post("/api/analyses/batch", ctx -> relay(ctx,
                analyses.submit(callers.userOf(ctx), bodies.readObjectOrArrayBytes(ctx), true)));
    }

    private static void relay(Context ctx, EngineReply reply) {
        ctx.status(reply.status()).header("Cache-Control", "no-store");
        if (reply.body() != null && reply.body().length > 0) {
            ctx.contentType(Json.CONTENT_TYPE).result(reply.body());
        }
    }
}
