package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.application.changefeed.ChangeFeed;
import io.dashcache.application.changefeed.ChangeFeedSettings;
import io.dashcache.testsupport.EventStreamClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection guards against hostile clients, over raw sockets: a request deadline a slowloris
 * cannot stretch, an idle timeout that healthy change streams outlive, a cap on open connections
 * with a clear refusal.
 */
class ConnectionHygieneTest extends RunningServer {

    static final Duration DEADLINE = Duration.ofMillis(1_500);
    static final Duration IDLE = Duration.ofMillis(1_200);
    static final int MAX_CONNECTIONS = 6;
    /** A loaded 2-core machine may be late to close; never as late as a slowloris would like. */
    static final Duration SLACK = Duration.ofMillis(1_500);

    private final ChangeFeed feed = new ChangeFeed(new ChangeFeedSettings(4, 2, 100, Duration.ofMinutes(10)),
            Clock.systemUTC(), "hygiene");
    private DashboardChangeStream changes;
    private final List<Socket> sockets = new ArrayList<>();

    @Override
    HttpSettings settings() {
        return new HttpSettings(0, MAX_BODY, HttpSettings.DEFAULT_MAX_THREADS, DEADLINE, IDLE, MAX_CONNECTIONS);
    }

    @Override
    List<RouteRegistrar> moreRoutes(HttpSettings settings) {
        // heartbeats well inside the idle timeout, as the configuration insists: eight per idle timeout, since a
        // loaded 2-core machine once stalled a 300 ms heartbeat past it
        changes = new DashboardChangeStream(feed, auth(), ChangeStreamSettings.defaults().withHeartbeat(Duration.ofMillis(150)));
        return List.of(changes);
    }

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
        // every connection of a test must be gone before the next counts against the cap
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return exchange(probe, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").startsWith("HTTP/1.1 200");
            }
        });
    }

    @AfterAll
    void stopTheWriters() {
        changes.close();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
        sockets.add(socket);
        return socket;
    }

    /**
     * Sends {@code text} a byte every {@code pause}, looking after each whether the server closed.
     *
     * @return ms from the start until the server closed, or -1 if it answered or never closed
     */
    private static long trickleUntilClosed(Socket socket, String text, Duration pause) throws Exception {
        long started = System.nanoTime();
        try {
            OutputStream out = socket.getOutputStream();
            for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
                Thread.sleep(pause.toMillis());
                socket.setSoTimeout(1);
                try {
                    return socket.getInputStream().read() == -1 ? elapsedMillis(started) : -1;
                } catch (SocketTimeoutException stillOpen) {
                    // neither an answer nor a close yet: the next byte
                }
            }
            return -1;
        } catch (IOException closed) {
            return elapsedMillis(started);
        }
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static String exchange(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return readResponse(socket.getInputStream());
    }

    /** One response: headers, then Content-Length bytes of body. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static boolean closedByServer(Socket socket) {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void a_client_sending_its_headers_a_byte_every_500_ms_is_cut_within_the_deadline() throws Exception {
        Socket slowloris = connect();

        long closedAfter = trickleUntilClosed(slowloris,
                "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "a".repeat(40) + "\r\n\r\n",
                Duration.ofMillis(500));

        assertThat(closedAfter).as("ms until the server closed (-1: it never did)")
                .isPositive().isLessThan(DEADLINE.plus(SLACK).toMillis());
    }

    @Test
    void a_body_sent_a_byte_every_500_ms_is_cut_within_the_deadline_too() throws Exception {
        Socket slow = connect();
        slow.getOutputStream().write(("POST /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 200\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

        long closedAfter = trickleUntilClosed(slow, "[" + " ".repeat(198) + "]", Duration.ofMillis(500));

        assertThat(closedAfter).isPositive().isLessThan(DEADLINE.plus(SLACK).toMillis());
        assertThat(ports.applied).isEmpty();
    }

    @Test
    void a_connection_that_never_sends_a_request_is_closed_within_the_deadline() throws Exception {
        Socket silent = connect();
        long started = System.nanoTime();

        assertThat(closedByServer(silent)).isTrue();
        assertThat(elapsedMillis(started)).isLessThan(DEADLINE.plus(SLACK).toMillis());
    }

    @Test
    void a_kept_alive_connection_serves_a_request_that_comes_long_after_the_previous_one() throws Exception {
        Socket client = connect();
        String request = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

        assertThat(exchange(client, request)).startsWith("HTTP/1.1 200");
        Thread.sleep(IDLE.toMillis() / 2);
        assertThat(exchange(client, request)).startsWith("HTTP/1.1 200");
        Thread.sleep(IDLE.toMillis() / 2);
        // past the request deadline since the first request, inside the idle timeout since the last one
        assertThat(exchange(client, request)).startsWith("HTTP/1.1 200");
    }

    @Test
    void an_idle_kept_alive_connection_is_closed_after_the_idle_timeout() throws Exception {
        Socket client = connect();
        assertThat(exchange(client, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")).startsWith("HTTP/1.1 200");
        long started = System.nanoTime();

        assertThat(closedByServer(client)).isTrue();
        assertThat(elapsedMillis(started)).isBetween(IDLE.toMillis() - 200, IDLE.plus(SLACK).toMillis());
    }

    @Test
    void beyond_the_cap_a_request_gets_a_json_503_and_its_connection_is_closed() throws Exception {
        String request = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        Thread.sleep(IDLE.plusMillis(300).toMillis()); // kept-alive connections of earlier tests are gone by now
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < MAX_CONNECTIONS; i++) {
            Socket socket = connect();
            assertThat(exchange(socket, request)).as("connection %d", i + 1).startsWith("HTTP/1.1 200");
            held.add(socket);
        }

        Socket oneTooMany = connect();
        String refused = exchange(oneTooMany, request);

        assertThat(refused).startsWith("HTTP/1.1 503").containsIgnoringCase("Connection: close")
                .contains("\"error\":\"too_many_connections\"").contains(String.valueOf(MAX_CONNECTIONS));
        assertThat(closedByServer(oneTooMany)).isTrue();
        assertThat(exchange(held.get(0), request)).as("the held connections still work").startsWith("HTTP/1.1 200");

        held.get(1).close();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            try (Socket another = new Socket("127.0.0.1", port)) {
                assertThat(exchange(another, request)).as("a connection once one is free").startsWith("HTTP/1.1 200");
            }
        });
    }

    @Test
    void a_change_stream_outlives_the_deadline_and_the_idle_timeout_on_its_heartbeats() {
        try (EventStreamClient stream = EventStreamClient.open(
                URI.create("http://127.0.0.1:" + port + "/api/dashboard/changes"), "X-User-Id", "42")) {
            assertThat(stream.status()).isEqualTo(200);
            stream.awaitComment("connected", Duration.ofSeconds(5));

            long until = System.nanoTime() + DEADLINE.plus(IDLE).multipliedBy(2).toNanos();
            while (System.nanoTime() < until) {
                stream.awaitComment("ping", Duration.ofSeconds(2));
            }

            assertThat(stream.ended()).isFalse();
        }
    }
}
