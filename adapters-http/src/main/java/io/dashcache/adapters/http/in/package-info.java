/**
 * The inbound REST API on Javalin: turns requests into domain values (a {@code CacheKey}, an
 * {@code EngineEvent}, an invalidation request), calls the inbound ports, and writes their answers.
 *
 * <p>It owns the HTTP shape of the contract: the {@code X-Cache}, {@code ETag} and
 * {@code Cache-Control} headers, the {@code 304} on a matching {@code If-None-Match}, and every
 * error as JSON {@code {"error": "...", "detail": "..."}} (never an HTML page or a stack trace),
 * down to Jetty's own answers to requests it cannot parse. The engine's bytes are written as they
 * are; nothing on the read path parses them.
 *
 * <p>Who the caller is comes from {@link io.dashcache.adapters.http.in.AuthSettings}: the
 * {@code X-User-Id} header behind a trusted gateway, or a verified bearer JWT whose subject is the
 * user and whose {@code admin} scope opens the operator endpoints.
 *
 * <p>{@link io.dashcache.adapters.http.in.DashboardHttpServer} is the entry point; routes come in
 * small {@link io.dashcache.adapters.http.in.RouteRegistrar}s so that more (metrics, the page,
 * warming, the change stream and its demo page) can be added without touching the core ones.
 *
 * <p>{@link io.dashcache.adapters.http.in.DashboardChangeStream} streams a user's dashboard changes
 * as Server-Sent Events, each client behind a bounded queue, so that no client can make the
 * server buffer without limit or hold up the others.
 */
package io.dashcache.adapters.http.in;
