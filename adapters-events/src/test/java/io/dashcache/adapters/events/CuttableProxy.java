package io.dashcache.adapters.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder in front of the test Redis that can be cut and restored, so a test sees Redis
 * become unreachable (connections reset, new ones refused) and come back on the same address.
 */
final class CuttableProxy implements AutoCloseable {

    private final URI target;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    CuttableProxy(URI target) {
        this.target = target;
        this.port = listen(0);
    }

    /** The target's URL (user, password, database) with the proxy's address. */
    URI url() {
        try {
            return new URI(target.getScheme(), target.getUserInfo(), "127.0.0.1", port, target.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Resets every open connection and refuses new ones. */
    synchronized void cut() {
        closeQuietly(server);
        server = null;
        sockets.forEach(CuttableProxy::closeQuietly);
        sockets.clear();
    }

    synchronized void restore() {
        if (server == null) {
            listen(port);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private int listen(int onPort) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
            server = socket;
            daemon("proxy-accept", () -> accept(socket));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket upstream = new Socket(target.getHost(), target.getPort());
                sockets.add(client);
                sockets.add(upstream);
                daemon("proxy-up", () -> pump(client, upstream));
                daemon("proxy-down", () -> pump(upstream, client));
            } catch (IOException e) {
                return; // cut: the server socket was closed
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away: the other follows below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing to cut: nothing to do
        }
    }
}
