package io.dashcache.adapters.http.in;

import io.javalin.router.JavalinDefaultRouting;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 description of this REST API, a hand-written
 * document on the classpath, read once. A test compares its (method, path) pairs with the routes
 * the running service really has, both ways.
 */
public final class OpenApiRoute implements RouteRegistrar {

    static final String PATH = "/api/openapi.json";
    /** Where the document is on the classpath. */
    public static final String RESOURCE = "/io/dashcache/adapters/http/in/openapi.json";

    private final byte[] document = StatusPage.resourceAt(RESOURCE);

    @Override
    public void register(JavalinDefaultRouting routes) {
        routes.get(PATH, ctx -> ctx.status(200)
                .header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .contentType(Json.CONTENT_TYPE)
                .result(document));
    }
}
