package io.dashcache.adapters.redis;

import io.dashcache.application.concurrency.DaemonThreads;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * One pub/sub channel as both broadcasts use it: best-effort publishing, and a subscription held by
 * an {@link InvalidationSubscriber} on a daemon thread with a heartbeat beside it. Started at most
 * once; after {@link #close()} it cannot be started again.
 */
final class ChannelSubscription {

    private final RedisConnector connector;
    private final String channel;
    private final String clientName;
    private final String threadName;
    private final Duration heartbeat;
    // the owner's, so failures are logged under the class the operator configured
    private final Logger log;
    private volatile InvalidationSubscriber subscriber;
    private Thread thread;
    private ScheduledExecutorService heartbeats;
    private boolean closed;

    ChannelSubscription(RedisConnector connector, String channel, String clientName, String threadName,
                        Duration heartbeat, Logger log) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.channel = channel;
        this.clientName = clientName;
        this.threadName = threadName;
        this.heartbeat = heartbeat;
        this.log = log;
    }

    String channel() {
        return channel;
    }

    String clientName() {
        return clientName;
    }

    /** Best effort: a message Redis does not take is logged and dropped. */
    void publish(String text, String what) {
        try {
            connector.publish(channel, text);
        } catch (RuntimeException e) {
            log.warn("Could not publish {} on {}: {}", what, channel, RedisFailures.describe(e));
        }
    }

    /** @throws CacheTierUnavailableException when Redis did not take the message */
    void publishOrFail(String text, String what) {
        RedisFailures.call("publish of " + what + " on " + channel, () -> connector.publish(channel, text));
    }

    /**
     * Starts the subscriber thread and its heartbeat; returns at once, also while Redis is down.
     *
     * @param callersListener the listener the caller handed over, checked for null only after the
     *                        state, as the broadcasts always did
     * @param hearing         what the subscriber calls, wrapping {@code callersListener}
     */
    synchronized void start(Object callersListener, InvalidationSubscriber.Listener hearing) {
        if (closed || subscriber != null) {
            throw new IllegalStateException(closed ? "the broadcast is closed" : "the subscriber is already started");
        }
        Objects.requireNonNull(callersListener, "listener");
        InvalidationSubscriber started = new InvalidationSubscriber(connector, channel, clientName, hearing, heartbeat);
        subscriber = started;
        thread = DaemonThreads.thread(threadName, started);
        heartbeats = Executors.newSingleThreadScheduledExecutor(task -> DaemonThreads.thread(threadName + "-heartbeat", task));
        heartbeats.scheduleWithFixedDelay(started::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
        thread.start();
    }

    /** Whether the subscriber holds a confirmed subscription right now. */
    boolean isSubscribed() {
        InvalidationSubscriber current = subscriber;
        return current != null && current.isSubscribed();
    }

    /** Stops the heartbeat and the subscriber (waits for it briefly); idempotent. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (subscriber != null) {
            heartbeats.shutdownNow();
            subscriber.stop(thread);
        }
    }

}
