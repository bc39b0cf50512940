package io.dashcache.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Core Detection Engine on 127.0.0.1 whose answers the propagation measurement controls: a user's
 * overview is {@code {"userId":"U","version":N}}, and {@link #bump} raises N just before the event that
 * announces the change, as the real engine records a detection before it publishes it. Every other
 * read answers a small constant object.
 */
final class FakeEngine implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "fake-engine");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    private FakeEngine(HttpServer server) {
        this.server = server;
    }

    static FakeEngine start() throws IOException {
        // without it the JDK server's header and body writes meet Nagle and delayed ACKs: 40 ms stalls
        System.setProperty("sun.net.httpserver.nodelay", "true");
        FakeEngine engine = new FakeEngine(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64));
        engine.server.createContext("/v1/", engine::answer);
        engine.server.setExecutor(engine.threads);
        engine.server.start();
        return engine;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The overview version a user's answer carries from now on. */
    long bump(String user) {
        return versions.computeIfAbsent(user, any -> new AtomicLong()).incrementAndGet();
    }

    long version(String user) {
        return versions.computeIfAbsent(user, any -> new AtomicLong()).get();
    }

    long calls() {
        return calls.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        URI uri = exchange.getRequestURI();
        String type = uri.getPath().substring("/v1/".length());
        String user = parameter(uri.getQuery(), "userId");
        String json = type.equals("overview") && user != null
                ? "{\"userId\":\"" + user + "\",\"version\":" + version(user) + "}"
                : "{\"type\":\"" + type + "\",\"ok\":true}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
