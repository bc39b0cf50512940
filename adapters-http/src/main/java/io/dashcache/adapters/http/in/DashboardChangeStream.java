package io.dashcache.adapters.http.in;

import io.dashcache.application.port.in.changefeed.TooManyStreamsException;
import io.dashcache.application.port.in.changefeed.WatchDashboardChanges.Subscription;
import io.dashcache.application.port.in.changefeed.WatchDashboardChanges;
import io.dashcache.domain.UserId;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/dashboard/changes}: the caller's dashboard changes as Server-Sent Events, with the
 * same authentication as the reads.
 *
 * <pre>
 * retry: 2000
 * : connected
 *
 * id: lx3k9a2b-17
 * data: {"type":"overview","scope":"user","eventId":"e-123"}
 *
 * : ping
 * </pre>
 *
 * A client re-reads the part named by {@code type} ({@code "*"} with scope {@code reload}: everything);
 * reconnecting with {@code Last-Event-ID} it first hears what it missed. Over the per-user or
 * per-instance cap the answer is {@code 429 too_many_streams} (JSON, with {@code Retry-After}).
 *
 * <pre>{@code
 * DashboardChangeStream changes = new DashboardChangeStream(changeFeed, authSettings, ChangeStreamSettings.defaults());
 * new DashboardHttpServer(settings, authSettings, ..., List.of(changes, ...));
 * changes.close();   // after the server stopped: ends the streams, stops the writers
 * }</pre>
 *
 * <p>Why not Javalin's {@code sse()}: its handler answers nothing unless {@code Accept} is exactly
 * {@code text/event-stream}, and commits {@code 200} before our code runs, so a stream over the cap
 * could not get its {@code 429}; its writes block the calling thread on a slow client. This handler
 * admits first, then goes asynchronous with {@code ctx.future}, and writes from a small pool of its
 * own through per-client bounded queues ({@link SseConnection}).
 */
public final class DashboardChangeStream implements RouteRegistrar, AutoCloseable {

    static final String PATH = "/api/dashboard/changes";
    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final int MAX_LAST_EVENT_ID = 200;

    private final WatchDashboardChanges changes;
    private final CallerIdentity callers;
    private final ChangeStreamSettings settings;
    private final Json json = new Json(HttpSettings.DEFAULT_MAX_REQUEST_BYTES);
    private final Set<SseConnection> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers;
    private final ScheduledExecutorService timer;

    /** @param auth the server's authentication, so the stream's caller is the reads' caller */
    public DashboardChangeStream(WatchDashboardChanges changes, AuthSettings auth, ChangeStreamSettings settings) {
        this.changes = Objects.requireNonNull(changes, "changes");
        this.callers = CallerIdentity.from(Objects.requireNonNull(auth, "auth"));
        this.settings = Objects.requireNonNull(settings, "settings");
        // at most one task per open stream waits here (SseConnection schedules itself once)
        this.writers = new ThreadPoolExecutor(settings.writerThreads(), settings.writerThreads(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemons("dashcache-sse-writer-"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemons("dashcache-sse-timer-"));
        long heartbeat = settings.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long check = Math.max(5, settings.writeTimeout().toMillis() / 4);
        timer.scheduleWithFixedDelay(this::dropStalled, check, check, TimeUnit.MILLISECONDS);
    }

    @Override
    public void register(JavalinDefaultRouting routes) {
        routes.get(PATH, this::open);
    }

    /** Streams open on this server now. */
    public int openStreams() {
        return open.size();
    }

    private void open(Context ctx) {
        UserId user = callers.userOf(ctx);
        SseConnection connection = new SseConnection(ctx, writers, json, settings.queueCapacity(), open::remove);
        Subscription watching;
        try {
            watching = changes.watch(user, lastEventId(ctx), connection);
        } catch (TooManyStreamsException e) {
            ctx.header("Retry-After", String.valueOf(Math.max(1, settings.heartbeat().toSeconds())));
            throw new HttpProblem(429, ErrorBody.TOO_MANY_STREAMS, e.getMessage());
        }
        try {
            open.add(connection);
            ctx.status(200)
                    .contentType("text/event-stream; charset=utf-8")
                    .header("Cache-Control", "no-cache, no-store")
                    .header("X-Accel-Buffering", "no");
            // Javalin calls this once the request is asynchronous; the request thread is then free
            ctx.future(() -> connection.start(watching));
        } catch (RuntimeException e) {
            watching.cancel();
            open.remove(connection);
            throw e;
        }
    }

    /** The id the client saw last; one too long to be ours is passed on as unknown (a reload). */
    private static String lastEventId(Context ctx) {
        String id = ctx.header(LAST_EVENT_ID);
        if (id == null || id.isBlank()) {
            return null;
        }
        return id.length() > MAX_LAST_EVENT_ID ? "unknown" : id.trim();
    }

    private void heartbeat() {
        open.forEach(SseConnection::ping);
    }

    private void dropStalled() {
        long now = System.nanoTime();
        long limit = settings.writeTimeout().toNanos();
        open.forEach(connection -> connection.dropIfStalled(limit, now));
    }

    /** Ends every stream and stops the writers; call after the server stopped taking requests. */
    @Override
    public void close() {
        timer.shutdownNow();
        open.forEach(SseConnection::close);
        writers.shutdown();
        try {
            if (!writers.awaitTermination(2, TimeUnit.SECONDS)) {
                writers.shutdownNow();
            }
        } catch (InterruptedException e) {
            writers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
