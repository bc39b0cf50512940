package io.dashcache.benchmarks;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Listens on the instances' invalidation channel, as each instance's subscriber does, and notes when
 * the first message after a {@link #reset} arrived: the moment the applying instance has bumped the
 * versions and told the others, which splits the propagation time into the event's way in and the
 * reads' way out.
 */
final class BroadcastListener implements AutoCloseable {

    private final Jedis connection;
    private final JedisPubSub subscription;
    private final Thread thread;
    private final AtomicLong firstMessageAt = new AtomicLong(-1);

    private BroadcastListener(Jedis connection, String channel) throws InterruptedException {
        this.connection = connection;
        AtomicLong subscribed = new AtomicLong();
        this.subscription = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                firstMessageAt.compareAndSet(-1, System.nanoTime());
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

    void reset() {
        firstMessageAt.set(-1);
    }

    /** {@link System#nanoTime} of the first message since the last reset, or -1. */
    long firstMessageAt() {
        return firstMessageAt.get();
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
