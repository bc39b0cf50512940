package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.application.changefeed.ChangeFeed;
import io.dashcache.application.changefeed.ChangeFeedSettings;
import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.EventType;
import io.dashcache.domain.InvalidationRule;
import io.dashcache.domain.UserId;
import io.dashcache.testsupport.EventStreamClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading: its socket fills, the writes to it block, and it is dropped, by its
 * queue overflowing or by a write that stalls too long; a client that reads hears every change,
 * promptly, meanwhile.
 */
class SlowChangeStreamClientTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final UserId USER = UserId.of("42");
    /** A detection makes six parts stale: four of the user's, two global. */
    private static final int CHANGES_PER_DETECTION = 6;
    /** The kernel buffers a megabyte or two for the socket (send buffer autotuning) before a write blocks. */
    private static final int MAX_DETECTIONS = 40_000;

    private final ChangeFeed feed = new ChangeFeed(ChangeFeedSettings.defaults(), Clock.systemUTC(), "slow");
    private final List<AutoCloseable> resources = new ArrayList<>();
    private DashboardChangeStream changes;
    private int port;

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private void start(ChangeStreamSettings settings) {
        RecordingPorts ports = new RecordingPorts();
        changes = new DashboardChangeStream(feed, AuthSettings.none(), settings);
        DashboardHttpServer server = new DashboardHttpServer(HttpSettings.onPort(0), ports, ports, ports, ports, ports,
                ports, List.of(changes));
        port = server.start();
        resources.add(changes);
        resources.add(server::stop);
    }

    /** A client with a tiny receive buffer that sends the request and never reads a byte. */
    private Socket clientThatNeverReads() throws IOException {
        Socket socket = new Socket();
        resources.add(socket);
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.getOutputStream().write(("GET /api/dashboard/changes HTTP/1.1\r\nHost: 127.0.0.1\r\nX-User-Id: 42\r\n"
                + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private EventStreamClient clientThatReads() {
        EventStreamClient stream = EventStreamClient.open(URI.create("http://127.0.0.1:" + port + "/api/dashboard/changes"),
                "X-User-Id", USER.value());
        resources.add(stream);
        stream.awaitComment("connected", PATIENCE);
        return stream;
    }

    private static InvalidationMessage detection(int number) {
        EngineEvent event = new EngineEvent("e-" + number, EventType.DETECTION_CREATED, USER, List.of(),
                Instant.parse("2026-11-25T10:00:00Z"), null, null);
        return InvalidationMessage.ofScopes("instance-b", InvalidationRule.staleScopes(event), event.eventId());
    }

    /**
     * Announces detections one after another, each once the reading client heard the previous one
     * (as events arrive in life), until the other client is dropped; returns the longest wait.
     */
    private Duration announceUntilTheSlowClientIsDropped(EventStreamClient reader) {
        Duration slowest = Duration.ZERO;
        for (int number = 1; number <= MAX_DETECTIONS && feed.droppedStreams() == 0; number++) {
            long sent = System.nanoTime();
            feed.invalidated(detection(number));
            for (int i = 0; i < CHANGES_PER_DETECTION; i++) {
                EventStreamClient.Event event = reader.nextEvent(PATIENCE);
                assertThat(event.data()).contains("\"eventId\":\"e-" + number + "\"");
                Duration waited = Duration.ofNanos(event.receivedNanos() - sent);
                slowest = waited.compareTo(slowest) > 0 ? waited : slowest;
            }
        }
        // a stalled write is noticed a write timeout after it stalled, perhaps after the last detection
        await("the client that never reads is dropped").atMost(PATIENCE).until(() -> feed.droppedStreams() == 1);
        return slowest;
    }

    /** What the server sent the client that never read, read at last: it ends, the server closed it. */
    private static void assertClosedByTheServer(Socket socket) throws IOException {
        socket.setSoTimeout((int) PATIENCE.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) >= 0) {
                // the frames it had not read; the end of the stream comes after them
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server left the connection of the dropped client open", e);
        } catch (SocketException reset) {
            // a reset says the same: the server closed the connection
        }
    }

    @Test
    void a_client_that_never_reads_is_dropped_when_its_queue_overflows_and_a_reading_client_hears_every_change() throws IOException {
        start(ChangeStreamSettings.defaults().withQueueCapacity(32).withWriteTimeout(Duration.ofSeconds(60)));
        Socket slow = clientThatNeverReads();
        await().atMost(PATIENCE).until(() -> feed.openStreams() == 1);
        EventStreamClient reader = clientThatReads();

        Duration slowest = announceUntilTheSlowClientIsDropped(reader);

        assertThat(slowest).as("the reading client heard each change promptly").isLessThan(Duration.ofSeconds(1));
        assertThat(feed.openStreams()).isEqualTo(1);
        assertClosedByTheServer(slow);
        await().atMost(PATIENCE).until(() -> changes.openStreams() == 1);
        feed.invalidated(detection(MAX_DETECTIONS + 1));
        assertThat(reader.nextEvent(PATIENCE).data()).contains("e-" + (MAX_DETECTIONS + 1));
    }

    @Test
    void a_client_whose_write_stalls_past_the_write_timeout_is_dropped_even_with_room_in_its_queue() throws IOException {
        start(ChangeStreamSettings.defaults().withQueueCapacity(100_000).withWriteTimeout(Duration.ofMillis(300)));
        Socket slow = clientThatNeverReads();
        await().atMost(PATIENCE).until(() -> feed.openStreams() == 1);
        EventStreamClient reader = clientThatReads();

        Duration slowest = announceUntilTheSlowClientIsDropped(reader);

        assertThat(slowest).as("one stalled write never held up the others").isLessThan(Duration.ofSeconds(1));
        assertClosedByTheServer(slow);
    }
}
