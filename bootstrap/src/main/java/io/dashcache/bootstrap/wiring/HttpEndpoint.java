package io.dashcache.bootstrap.wiring;

import io.dashcache.adapters.http.in.DashboardHttpServer;
import java.util.List;

/** The started REST API and the port it really listens on (the one picked for port 0). */
public final class HttpEndpoint implements AutoCloseable {

    private final DashboardHttpServer server;
    private int port = -1;

    HttpEndpoint(DashboardHttpServer server) {
        this.server = server;
    }

    synchronized void start() {
        port = server.start();
    }

    public synchronized int port() {
        return port;
    }

    /** The routes the server really has, as {@code "GET /health"}: see {@link DashboardHttpServer#routes()}. */
    public synchronized List<String> routes() {
        return server.routes();
    }

    @Override
    public synchronized void close() {
        server.stop();
    }
}
