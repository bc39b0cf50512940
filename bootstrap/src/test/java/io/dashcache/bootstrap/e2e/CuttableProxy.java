package io.dashcache.bootstrap.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of Redis that a test can cut and restore, to play an outage of the one
 * Redis every test shares without touching it. Cut: the port refuses connections and every open
 * one is closed. Restored: the same port accepts again.
 */
final class CuttableProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final int port;
    private volatile ServerSocket listening;

    CuttableProxy(URI redis) {
        this.target = new InetSocketAddress(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort());
        this.listening = bind(0);
        this.port = listening.getLocalPort();
        accept(listening);
    }

    /** The Redis URL that goes through this proxy. */
    String url() {
        return "redis://127.0.0.1:" + port;
    }

    synchronized void cut() {
        closeQuietly(listening);
        open.forEach(CuttableProxy::closeQuietly);
        open.clear();
    }

    synchronized void restore() {
        listening = bind(port);
        accept(listening);
    }

    @Override
    public void close() {
        cut();
    }

    private void accept(ServerSocket server) {
        daemon(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket();
                    upstream.connect(target, 1000);
                    open.add(client);
                    open.add(upstream);
                    daemon(() -> pump(client, upstream));
                    daemon(() -> pump(upstream, client));
                } catch (IOException e) {
                    // closed by cut(), or the target refused: the client sees its connection end
                }
            }
        });
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: close the other below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "test-redis-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
