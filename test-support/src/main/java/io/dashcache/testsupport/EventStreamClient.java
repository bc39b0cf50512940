package io.dashcache.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client for tests: reads the body line by line on a thread of its own, and
 * hands out each event (with the {@link System#nanoTime()} its last line arrived) and each comment.
 *
 * <pre>{@code
 * try (EventStreamClient stream = EventStreamClient.open(uri, "X-User-Id", "42")) {
 *     stream.awaitComment("connected", Duration.ofSeconds(5));
 *     EventStreamClient.Event event = stream.nextEvent(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class EventStreamClient implements AutoCloseable {

    /** One event as the stream framed it; {@code id} is {@code null} when it had none. */
    public record Event(String id, String data, long receivedNanos) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Object END = new Object();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final List<String> body = new ArrayList<>();
    private final Thread reader;
    private volatile boolean ended;

    private EventStreamClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "test-event-stream");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Sends {@code GET uri} with {@code Accept: text/event-stream} and the headers given (name, value
     * ...), and returns once the status line and headers are in.
     */
    public static EventStreamClient open(URI uri, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return new EventStreamClient(CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                    .get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while opening " + uri, e);
        } catch (Exception e) {
            throw new AssertionError("could not open " + uri + ": " + e, e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public HttpResponse<Stream<String>> response() {
        return response;
    }

    /** The next event; fails when none comes within {@code patience} or the stream ended first. */
    public Event nextEvent(Duration patience) {
        Object next;
        try {
            next = events.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (next == null) {
            throw new AssertionError("no event within " + patience.toMillis() + " ms");
        }
        if (next == END) {
            events.add(END);
            throw new AssertionError("the stream ended; its lines: " + lines());
        }
        return (Event) next;
    }

    /** The next event, or {@code null} when none comes within {@code patience}. */
    public Event pollEvent(Duration patience) {
        try {
            Object next = events.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
            if (next == END) {
                events.add(END);
                return null;
            }
            return (Event) next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits for a comment line ({@code : text}) with exactly this text. */
    public void awaitComment(String text, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                String comment = comments.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                        TimeUnit.MILLISECONDS);
                if (text.equals(comment)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        throw new AssertionError("no ': " + text + "' within " + patience.toMillis() + " ms; lines: " + lines());
    }

    /** Waits for the server to end the answer (an error's, or a dropped stream) and returns its body. */
    public String awaitEnd(Duration patience) {
        try {
            reader.join(patience.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (!ended) {
            throw new AssertionError("the stream did not end within " + patience.toMillis() + " ms; lines: " + lines());
        }
        return String.join("\n", lines());
    }

    /** Whether the server ended the stream. */
    public boolean ended() {
        return ended;
    }

    /** Every line read so far (the body of an error answer, too). */
    public synchronized List<String> lines() {
        return List.copyOf(body);
    }

    private void read() {
        String id = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                synchronized (this) {
                    body.add(line);
                }
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, data.toString(), System.nanoTime()));
                    }
                    id = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).trim());
                }
            }
        } catch (RuntimeException e) {
            // the connection was closed: by the server, or by close()
        } finally {
            ended = true;
            events.add(END);
        }
    }

    @Override
    public void close() {
        response.body().close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
