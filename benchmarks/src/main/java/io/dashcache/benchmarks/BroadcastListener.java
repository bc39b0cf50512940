package io.dashcache.benchmarks;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Listens on the instances' invalidation channel, as each instance's subscriber does, and notes when
 * the message of an {@link #expect expected} event arrived (the event id rides on its origin line):
 * the moment the applying instance has bumped the versions and told the others, which splits the
 * propagation time into the event's way in and the reads' way out.
 *
 * <pre>{@code
 * listener.expect("e-7");                           // before the XADD
 * long heard = listener.heardAt(start + timeout);   // waits for it; -1 when it did not come in time
 * }</pre>
 *
 * On a cluster the message may reach this listener's node after both instances are fresh (the
 * cluster bus forwards PUBLISH to the other nodes), hence the wait, and the match by event id so a
 * late message never counts for the next event.
 */
final class BroadcastListener implements AutoCloseable {

    private final Jedis connection;
    private final JedisPubSub subscription;
    private final Thread thread;
    private final AtomicLong heardAt = new AtomicLong(-1);
    private volatile String expected = "";

    private BroadcastListener(Jedis connection, String channel) throws InterruptedException {
        this.connection = connection;
        AtomicLong subscribed = new AtomicLong();
        this.subscription = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                long now = System.nanoTime();
                String marker = " event=" + expected;
                if (message.contains(marker + "\n") || message.endsWith(marker)) {
                    heardAt.compareAndSet(-1, now);
                }
            }

            @Override
            public void onSubscribe(String channel, int subscribedChannels) {
                subscribed.set(1);
            }
        };
        this.thread = new Thread(() -> connection.subscribe(subscription, channel), "broadcast-listener");
        thread.setDaemon(true);
        thread.start();
        for (int wait = 0; subscribed.get() == 0 && wait < 500; wait++) {
            Thread.sleep(10);
        }
    }

    static BroadcastListener start(String redisUrl, String channel) throws InterruptedException {
        return new BroadcastListener(new Jedis(URI.create(redisUrl)), channel);
    }

    /** Forgets the last event; from now on only {@code eventId}'s message counts. */
    void expect(String eventId) {
        expected = eventId;
        heardAt.set(-1);
    }

    /** {@link System#nanoTime} when the expected event's message came, waiting until {@code deadlineNanos}; or -1. */
    long heardAt(long deadlineNanos) {
        while (heardAt.get() < 0 && System.nanoTime() - deadlineNanos < 0) {
            LockSupport.parkNanos(100_000);
        }
        return heardAt.get();
    }

    @Override
    public void close() {
        subscription.unsubscribe();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
