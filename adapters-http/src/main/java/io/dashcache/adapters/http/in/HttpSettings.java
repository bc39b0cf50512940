package io.dashcache.adapters.http.in;

/**
 * How the REST API listens.
 *
 * @param port            TCP port; {@code 0} picks a free one ({@link DashboardHttpServer#start()} returns it)
 * @param maxRequestBytes largest request body accepted; a larger one gets {@code 413}
 * @param maxThreads      bound of Jetty's request thread pool
 */
public record HttpSettings(int port, int maxRequestBytes, int maxThreads) {

    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_THREADS = 32;
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
    }

    /** The defaults on a given port: 64 KiB bodies, 32 threads. */
    public static HttpSettings onPort(int port) {
        return new HttpSettings(port, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_THREADS);
    }

    public static HttpSettings defaults() {
        return onPort(DEFAULT_PORT);
    }
}
