package io.dashcache.adapters.http.in;

import io.javalin.router.JavalinDefaultRouting;

/**
 * Adds a group of routes to the server. Handlers may throw the ports' exceptions: the server
 * turns every exception into the contract's JSON error, so a registrar only writes the happy path.
 */
@FunctionalInterface
public interface RouteRegistrar {

    void register(JavalinDefaultRouting routes);
}
