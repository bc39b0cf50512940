package io.dashcache.adapters.http.out;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the engine.
 *
 * @param baseUri          the engine's base URL ({@code DASHCACHE_ENGINE_URL}); requests go to {@code {base}/v1/...}
 * @param connectTimeout   bound on opening a connection (default 1 s)
 * @param requestTimeout   bound on a whole exchange, from sending to the last body byte (default 2 s)
 * @param maxResponseBytes largest body accepted from the engine (default 8 MiB); a larger one is a failure
 */
public record EngineClientSettings(URI baseUri, Duration connectTimeout, Duration requestTimeout, int maxResponseBytes) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

    public EngineClientSettings {
        Objects.requireNonNull(baseUri, "baseUri");
        String scheme = baseUri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || baseUri.getHost() == null) {
            throw new IllegalArgumentException("the engine URL must be an absolute http(s) URL, got '" + baseUri + "'");
        }
        if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
            throw new IllegalArgumentException("the engine URL must not carry a query or fragment, got '" + baseUri + "'");
        }
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(requestTimeout, "request timeout");
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("max response bytes must be positive, got " + maxResponseBytes);
        }
    }

    /** The defaults for an engine at {@code baseUri}. */
    public static EngineClientSettings of(URI baseUri) {
        return new EngineClientSettings(baseUri, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** {@code {base}/v1/{path}}, whether or not the base ends with a slash. */
    String endpoint(String path) {
        String base = baseUri.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/" + path;
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
