package io.dashcache.adapters.http.in;

import java.time.Duration;
import java.util.Objects;

/**
 * How the REST API listens.
 *
 * @param port            TCP port; {@code 0} picks a free one ({@link DashboardHttpServer#start()} returns it)
 * @param maxRequestBytes largest request body accepted; a larger one gets {@code 413}
 * @param maxThreads      bound of Jetty's request thread pool
 * @param requestDeadline how long a request may take to arrive, from a connection's opening or the request's
 *                        first byte until its headers and body are read; past it the connection is closed
 * @param idleTimeout     a connection with no byte in either direction this long is closed (change streams
 *                        send heartbeats, so keep it above their interval)
 * @param maxConnections  open connections at most; beyond, a request gets {@code 503 too_many_connections}
 *                        and its connection is closed
 */
public record HttpSettings(int port, int maxRequestBytes, int maxThreads, Duration requestDeadline,
                           Duration idleTimeout, int maxConnections) {

    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_THREADS = 32;
    public static final Duration DEFAULT_REQUEST_DEADLINE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_CONNECTIONS = 5_000;
    /** Jetty needs an acceptor, a selector and a few reserved threads before any request runs. */
    static final int MIN_THREADS = 8;

    public HttpSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("HTTP port must be 0 to 65535, got " + port);
        }
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("max request bytes must be positive, got " + maxRequestBytes);
        }
        if (maxThreads < MIN_THREADS) {
            throw new IllegalArgumentException("max HTTP threads must be at least " + MIN_THREADS + ", got " + maxThreads);
        }
        requirePositive(requestDeadline, "the request deadline");
        requirePositive(idleTimeout, "the idle timeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be positive, got " + maxConnections);
        }
    }

    /** With the default deadline, idle timeout and connection cap. */
    public HttpSettings(int port, int maxRequestBytes, int maxThreads) {
        this(port, maxRequestBytes, maxThreads, DEFAULT_REQUEST_DEADLINE, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
    }

    /** The defaults on a given port: 64 KiB bodies, 32 threads. */
    public static HttpSettings onPort(int port) {
        return new HttpSettings(port, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_THREADS);
    }

    public static HttpSettings defaults() {
        return onPort(DEFAULT_PORT);
    }

    /** These settings with another connection policy. */
    public HttpSettings withConnections(Duration requestDeadline, Duration idleTimeout, int maxConnections) {
        return new HttpSettings(port, maxRequestBytes, maxThreads, requestDeadline, idleTimeout, maxConnections);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
