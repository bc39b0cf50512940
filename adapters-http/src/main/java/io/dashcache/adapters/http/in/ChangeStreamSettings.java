package io.dashcache.adapters.http.in;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@code GET /api/dashboard/changes} streams.
 *
 * @param heartbeat     how often an idle stream gets a {@code : ping} comment, so proxies keep it open
 *                      (and a client that went away is noticed); below any idle timeout on the way
 * @param queueCapacity how many changes one client may have waiting to be written; one more and it is dropped
 * @param writeTimeout  how long one write to a client may block before the client is dropped
 * @param writerThreads the threads that write to every client (a blocked write holds one only until
 *                      {@code writeTimeout})
 */
public record ChangeStreamSettings(Duration heartbeat, int queueCapacity, Duration writeTimeout, int writerThreads) {

    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    public static final int DEFAULT_QUEUE_CAPACITY = 256;
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_WRITER_THREADS = 4;
    /** A replay is at most one change per part of the dashboard (nine types, two scopes) or one reload. */
    static final int MIN_QUEUE_CAPACITY = 32;

    public ChangeStreamSettings {
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        if (heartbeat.toMillis() < 10) {
            throw new IllegalArgumentException("the heartbeat must be at least 10 ms, got " + heartbeat.toMillis() + " ms");
        }
        if (queueCapacity < MIN_QUEUE_CAPACITY) {
            throw new IllegalArgumentException("a client's queue must hold at least " + MIN_QUEUE_CAPACITY
                    + " changes, got " + queueCapacity);
        }
        if (writeTimeout.toMillis() < 10) {
            throw new IllegalArgumentException("the write timeout must be at least 10 ms, got " + writeTimeout.toMillis()
                    + " ms");
        }
        if (writerThreads < 1 || writerThreads > 64) {
            throw new IllegalArgumentException("writer threads must be 1 to 64, got " + writerThreads);
        }
    }

    /** A ping every 15 s, 256 waiting changes, 5 s per write, 4 writers. */
    public static ChangeStreamSettings defaults() {
        return new ChangeStreamSettings(DEFAULT_HEARTBEAT, DEFAULT_QUEUE_CAPACITY, DEFAULT_WRITE_TIMEOUT,
                DEFAULT_WRITER_THREADS);
    }

    public ChangeStreamSettings withHeartbeat(Duration heartbeat) {
        return new ChangeStreamSettings(heartbeat, queueCapacity, writeTimeout, writerThreads);
    }

    public ChangeStreamSettings withQueueCapacity(int queueCapacity) {
        return new ChangeStreamSettings(heartbeat, queueCapacity, writeTimeout, writerThreads);
    }

    public ChangeStreamSettings withWriteTimeout(Duration writeTimeout) {
        return new ChangeStreamSettings(heartbeat, queueCapacity, writeTimeout, writerThreads);
    }
}
