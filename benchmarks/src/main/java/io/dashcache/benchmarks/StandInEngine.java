package io.dashcache.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in Core Detection Engine in a process of its own, as a remote engine is: it answers the
 * contract's engine API ({@code GET /v1/{type}} with a JSON object of about {@code --bytes} bytes
 * naming what was asked, {@code PUT /v1/user_preferences}, {@code POST /v1/analyses[/batch]} with
 * {@code 202}) after {@code --latency-ms} of waiting, not of computing. {@code GET /stats} answers
 * how many engine calls it served, so the harness can count what a setting costs the engine.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.dashcache.benchmarks.StandInEngine --port=0 --latency-ms=1 --bytes=330
 * </pre>
 *
 * It prints {@code stand-in engine listening on port N} once it listens.
 */
public final class StandInEngine {

    private static final AtomicLong CALLS = new AtomicLong();

    private StandInEngine() {
    }

    public static void main(String[] args) throws IOException {
        int port = 0;
        long latencyMicros = 1000;
        int bytes = 330;
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else if (arg.startsWith("--latency-ms=")) {
                latencyMicros = (long) (1000 * Double.parseDouble(arg.substring("--latency-ms=".length())));
            } else if (arg.startsWith("--bytes=")) {
                bytes = Integer.parseInt(arg.substring("--bytes=".length()));
            } else {
                System.err.println("unknown argument '" + arg + "'; the options are --port=, --latency-ms=, --bytes=");
                System.exit(2);
            }
        }
        // without it the JDK server's header and body writes meet Nagle and delayed ACKs: 40 ms stalls
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        long latency = latencyMicros;
        int size = bytes;
        server.createContext("/v1/", exchange -> answer(exchange, latency, size));
        server.createContext("/stats", exchange -> send(exchange, 200,
                ("{\"calls\":" + CALLS.get() + "}").getBytes(StandardCharsets.UTF_8)));
        // waiting threads cost nothing but memory; enough that the latency never queues
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.start();
        System.out.println("stand-in engine listening on port " + server.getAddress().getPort());
        System.out.flush();
    }

    private static void answer(HttpExchange exchange, long latencyMicros, int bytes) throws IOException {
        CALLS.incrementAndGet();
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        pause(latencyMicros);
        String path = exchange.getRequestURI().getPath().substring("/v1/".length());
        String method = exchange.getRequestMethod();
        if (method.equals("GET")) {
            send(exchange, 200, body(path, exchange.getRequestURI().getRawQuery(), bytes));
        } else if (method.equals("PUT") && path.equals("user_preferences")) {
            send(exchange, 200, body(path, exchange.getRequestURI().getRawQuery(), 64));
        } else if (method.equals("POST") && (path.equals("analyses") || path.equals("analyses/batch"))) {
            send(exchange, 202, "{\"accepted\":true}".getBytes(StandardCharsets.UTF_8));
        } else {
            send(exchange, 404, "{\"error\":\"not_found\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The answer to a read: a JSON object naming the type and the query, padded to {@code bytes} (or
     * longer, when the names alone are longer).
     */
    static byte[] body(String type, String query, int bytes) {
        String head = "{\"type\":\"" + type + "\",\"query\":\"" + (query == null ? "" : query.replace("\"", ""))
                + "\",\"data\":\"";
        String tail = "\"}";
        int padding = Math.max(0, bytes - head.length() - tail.length());
        return (head + "x".repeat(padding) + tail).getBytes(StandardCharsets.UTF_8);
    }

    private static void pause(long micros) {
        if (micros <= 0) {
            return;
        }
        try {
            Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
