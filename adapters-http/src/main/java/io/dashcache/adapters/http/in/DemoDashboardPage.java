package io.dashcache.adapters.http.in;

import io.javalin.router.JavalinDefaultRouting;

/**
 * {@code GET /demo}: one user's dashboard (overview, system status, notifications, recent activity)
 * that re-reads each part the moment {@code GET /api/dashboard/changes} says it went stale;
 * {@code /demo?user=demo-2} for another user. With the embedded demo engine, {@code demo-1} to
 * {@code demo-3} get detections all the time. It sends {@code X-User-Id} itself, so it is a page for
 * {@code DASHCACHE_AUTH=none}. Same rules as the status page: files from the classpath, the data
 * shown with {@code textContent} only, and the same Content Security Policy.
 */
public final class DemoDashboardPage implements RouteRegistrar {

    private final byte[] html = StatusPage.resource("demo.html");
    private final byte[] css = StatusPage.resource("demo.css");
    private final byte[] script = StatusPage.resource("demo.js");

    @Override
    public void register(JavalinDefaultRouting routes) {
        routes.get("/demo", ctx -> StatusPage.serve(ctx, html, "text/html; charset=utf-8"));
        routes.get("/assets/demo.css", ctx -> StatusPage.serve(ctx, css, "text/css; charset=utf-8"));
        routes.get("/assets/demo.js", ctx -> StatusPage.serve(ctx, script, "text/javascript; charset=utf-8"));
    }
}
