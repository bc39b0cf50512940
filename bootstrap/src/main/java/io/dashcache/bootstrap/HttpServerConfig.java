package io.dashcache.bootstrap;

import io.dashcache.adapters.http.in.HttpSettings;
import java.time.Duration;

/**
 * How the HTTP server treats connections, parsed by {@link ConfigLoader}.
 *
 * @param requestDeadline {@code DASHCACHE_HTTP_REQUEST_DEADLINE_MS}: a request's headers and body must arrive within this
 * @param idleTimeout     {@code DASHCACHE_HTTP_IDLE_TIMEOUT_MS}: a connection silent both ways this long is closed
 * @param maxConnections  {@code DASHCACHE_HTTP_MAX_CONNECTIONS}: open connections at most; more are answered 503 and closed
 */
public record HttpServerConfig(Duration requestDeadline, Duration idleTimeout, int maxConnections) {

    public static HttpServerConfig defaults() {
        return new HttpServerConfig(HttpSettings.DEFAULT_REQUEST_DEADLINE, HttpSettings.DEFAULT_IDLE_TIMEOUT,
                HttpSettings.DEFAULT_MAX_CONNECTIONS);
    }

    /** The server's settings on {@code port}. */
    public HttpSettings settings(int port) {
        return HttpSettings.onPort(port).withConnections(requestDeadline, idleTimeout, maxConnections);
    }
}
