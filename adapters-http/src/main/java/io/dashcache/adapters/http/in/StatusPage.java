package io.dashcache.adapters.http.in;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /}: the live page of the cache's health for people (grades per data type, hit rates
 * and latency over the last hour, alerts, Redis and engine status). Plain HTML, CSS and one small
 * script from the classpath, read once; the script polls {@code /api/cache/metrics} and
 * {@code /health} and builds the page with DOM calls only (no HTML from data). The Content
 * Security Policy allows nothing but this origin's script, style and JSON.
 */
public final class StatusPage implements RouteRegistrar {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String FOLDER = "/io/dashcache/adapters/http/in/page/";

    private final byte[] html = resource("index.html");
    private final byte[] css = resource("status.css");
    private final byte[] script = resource("status.js");

    @Override
    public void register(JavalinDefaultRouting routes) {
        routes.get("/", ctx -> serve(ctx, html, "text/html; charset=utf-8"));
        routes.get("/assets/status.css", ctx -> serve(ctx, css, "text/css; charset=utf-8"));
        routes.get("/assets/status.js", ctx -> serve(ctx, script, "text/javascript; charset=utf-8"));
    }

    /** Serves one of the pages' files, under the pages' Content Security Policy. */
    static void serve(Context ctx, byte[] body, String contentType) {
        ctx.status(200)
                .header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .contentType(contentType)
                .result(body);
    }

    /** A file of the pages, read at construction: a missing file fails start-up, not a visitor's request. */
    static byte[] resource(String name) {
        return resourceAt(FOLDER + name);
    }

    /** A file this adapter serves, read at construction: a missing file fails start-up, not a visitor's request. */
    static byte[] resourceAt(String path) {
        try (InputStream in = StatusPage.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
