package io.dashcache.adapters.http.in;

import io.dashcache.application.port.in.changefeed.WatchDashboardChanges.Subscription;
import io.dashcache.application.port.messages.ChangeListener;
import io.dashcache.application.port.messages.DashboardChange;
import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Request;

/**
 * One open change stream. The feed and the heartbeat put frames in a small bounded queue without
 * ever waiting; one writer at a time (a task on the shared writer pool) drains it onto the
 * response. The servlet output blocks while the client's socket is full, so a client that stops
 * reading is dropped when its queue overflows or its write stalls: its connection is closed under
 * the blocked write, which frees the writer thread at once.
 */
final class SseConnection implements ChangeListener {

    /** Tells an EventSource how soon to reconnect, and a test or tool that the stream is registered. */
    private static final byte[] OPENING = "retry: 2000\n: connected\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final Frame HEARTBEAT = new Frame(null);

    /** A change to send, or ({@code null}) a heartbeat. */
    private record Frame(DashboardChange change) {
    }

    private final Context ctx;
    private final Executor writers;
    private final Json json;
    private final Consumer<SseConnection> onFinish;
    private final BlockingQueue<Frame> queue;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean started;
    private volatile boolean closing;
    /** {@link System#nanoTime()} when the write in progress began; 0 when none is. */
    private volatile long writingSince;
    private volatile Subscription subscription;
    private ServletOutputStream out;

    SseConnection(Context ctx, Executor writers, Json json, int queueCapacity, Consumer<SseConnection> onFinish) {
        this.ctx = ctx;
        this.writers = writers;
        this.json = json;
        this.onFinish = onFinish;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
    }

    /**
     * Called by Javalin once the request is asynchronous: commits the headers with the opening
     * lines, then lets the writer send what queued meanwhile (the replay).
     *
     * @return completes when the stream ends, which ends the response
     */
    CompletableFuture<Void> start(Subscription watching) {
        subscription = watching;
        try {
            out = ctx.res().getOutputStream();
            out.write(OPENING);
            out.flush();
        } catch (IOException | RuntimeException clientGone) {
            closing = true;
        }
        started = true;
        schedule();
        return done;
    }

    @Override
    public boolean offer(DashboardChange change) {
        if (closing) {
            return true;
        }
        if (!queue.offer(new Frame(change))) {
            return false;
        }
        schedule();
        return true;
    }

    @Override
    public void dropped() {
        closing = true;
        abortConnection();
        schedule();
    }

    /** Queues a heartbeat; a client whose queue is full even for that is dropped. */
    void ping() {
        if (closing || !started) {
            return;
        }
        if (queue.offer(HEARTBEAT)) {
            schedule();
        } else {
            subscription.drop();
        }
    }

    /** Drops the client when one write has been blocked for longer than {@code limitNanos}. */
    void dropIfStalled(long limitNanos, long nowNanos) {
        long since = writingSince;
        if (since != 0 && nowNanos - since > limitNanos) {
            Subscription watching = subscription;
            if (watching != null) {
                watching.drop(); // counted, and told back through dropped() while still registered
            }
            dropped(); // a stalled write ends either way
        }
    }

    /** Ends the stream cleanly (the instance stops). */
    void close() {
        closing = true;
        schedule();
    }

    private void schedule() {
        if (!started || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            writers.execute(this::drain);
        } catch (RejectedExecutionException stopping) {
            closing = true;
            finish();
        }
    }

    /** Runs on one writer at a time (the {@code scheduled} flag); the only place that writes or finishes. */
    private void drain() {
        while (true) {
            if (!closing) {
                try {
                    writeQueued();
                } catch (IOException | RuntimeException clientGone) {
                    closing = true;
                } finally {
                    writingSince = 0;
                }
            }
            if (closing) {
                finish();
                return;
            }
            scheduled.set(false);
            if ((queue.isEmpty() && !closing) || !scheduled.compareAndSet(false, true)) {
                return;
            }
        }
    }

    /** Writes everything queued, flushing once per batch. */
    private void writeQueued() throws IOException {
        Frame frame;
        while (!closing && (frame = queue.poll()) != null) {
            writingSince = System.nanoTime() | 1;
            do {
                out.write(frame.change() == null ? PING : event(frame.change()));
            } while (!closing && (frame = queue.poll()) != null);
            out.flush();
            writingSince = 0;
        }
    }

    /** {@code id: <id>} and {@code data: {"type":"overview","scope":"user","eventId":"e-1"}}. */
    private byte[] event(DashboardChange change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", change.typeName());
        data.put("scope", change.scope().wireName());
        data.put("eventId", change.eventId());
        String text = "id: " + change.id() + "\ndata: " + new String(json.write(data), StandardCharsets.UTF_8) + "\n\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        Subscription watching = subscription;
        if (watching != null) {
            watching.cancel();
        }
        onFinish.accept(this);
        done.complete(null);
    }

    /** Closes the socket under a write that may be blocked on it, so the write fails now. */
    private void abortConnection() {
        try {
            Request.getBaseRequest(ctx.req()).getHttpChannel().getEndPoint().close();
        } catch (RuntimeException alreadyGone) {
            // nothing left to close
        }
    }
}
