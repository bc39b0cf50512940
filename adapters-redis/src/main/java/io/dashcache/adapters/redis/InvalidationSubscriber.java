package io.dashcache.adapters.redis;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * The daemon thread a {@link ChannelSubscription} starts for each broadcast: holds a SUBSCRIBE on a
 * connection of its own, and when that breaks, retries with capped backoff. Messages published
 * while it was away are lost, so the listener hears of the loss at once (L1 is not trusted while
 * it lasts) and of the first subscription after it (which flushes L1).
 *
 * <p>A connection can also die without a word (a half-open TCP link after a failover or a network
 * cut): {@link #heartbeat()} PINGs through the subscription, and a read that hears nothing, not
 * even the PONG, for three heartbeats counts as a break.
 */
final class InvalidationSubscriber implements Runnable {

    /** What the subscription hears: each message's text, that the subscription is lost, and that it is back. */
    interface Listener {

        void onText(String text);

        void onLost();

        void onRestored();
    }

    static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    /** Short: while the subscription is away L1 is skipped, and after a failover it should be back within a second. */
    static final Duration MAX_BACKOFF = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(InvalidationSubscriber.class);

    private final RedisConnector connector;
    private final String channel;
    private final String clientName;
    private final Listener listener;
    private final Duration silenceLimit;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Jedis connection;
    private volatile Listening subscription;
    private volatile boolean subscribed;
    // written by the subscriber thread only
    private boolean lost;

    InvalidationSubscriber(RedisConnector connector, String channel, String clientName, Listener listener,
                           Duration heartbeat) {
        this.connector = connector;
        this.channel = channel;
        this.clientName = clientName;
        this.listener = listener;
        this.silenceLimit = heartbeat.multipliedBy(3);
    }

    @Override
    public void run() {
        long backoffMillis = FIRST_BACKOFF.toMillis();
        while (!isStopping()) {
            Listening pubSub = new Listening();
            String failure = "the server ended the subscription";
            try (Jedis jedis = connector.dedicatedConnection(clientName, silenceLimit, channel, lost)) {
                connection = jedis;
                subscription = pubSub;
                if (isStopping()) {
                    return;
                }
                // returns only when unsubscribed: by stop(), or by a server that dropped us
                jedis.subscribe(pubSub, channel);
            } catch (RuntimeException e) {
                failure = RedisFailures.describe(e);
            } finally {
                subscribed = false;
                connection = null;
            }
            if (isStopping()) {
                return;
            }
            if (!lost) {
                LOG.warn("The invalidation subscription to {} on {} is down ({}); reads skip L1 until it is back; "
                        + "retrying, every {} ms at most", channel, connector.maskedUrl(), failure, MAX_BACKOFF.toMillis());
                lost = true;
                try {
                    listener.onLost();
                } catch (RuntimeException e) {
                    LOG.warn("The invalidation listener failed on a lost connection: {}", RedisFailures.describe(e));
                }
            }
            if (pubSub.confirmed) {
                backoffMillis = FIRST_BACKOFF.toMillis();
            }
            if (pause(backoffMillis)) {
                return;
            }
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
        }
    }

    boolean isSubscribed() {
        return subscribed;
    }

    /** PINGs through the subscription, so that a healthy but idle one is never silent for long. */
    void heartbeat() {
        Listening pubSub = subscription;
        if (pubSub != null && pubSub.isSubscribed()) {
            synchronized (pubSub) {
                try {
                    pubSub.ping();
                } catch (RuntimeException broken) {
                    // the subscriber thread sees the same broken connection and reconnects
                }
            }
        }
    }

    /** Unsubscribes, and if the connection does not answer, closes it under the blocked read. */
    void stop(Thread thread) {
        stopped.countDown();
        Listening pubSub = subscription;
        if (pubSub != null && pubSub.isSubscribed()) {
            synchronized (pubSub) {
                try {
                    pubSub.unsubscribe();
                } catch (RuntimeException alreadyBroken) {
                    // the connection is gone; closing it below ends the thread
                }
            }
        }
        try {
            thread.join(500);
            Jedis jedis = connection;
            if (thread.isAlive() && jedis != null) {
                jedis.disconnect();
            }
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isStopping() {
        return stopped.getCount() == 0;
    }

    /** Waits {@code millis}; true when stopped meanwhile. */
    private boolean pause(long millis) {
        try {
            return stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private final class Listening extends JedisPubSub {

        private boolean confirmed;

        @Override
        public void onSubscribe(String channelName, int subscribedChannels) {
            confirmed = true;
            subscribed = true;
            if (lost) {
                lost = false;
                LOG.info("Invalidation subscription to {} restored; messages may have been missed, flushing L1",
                        channel);
                try {
                    listener.onRestored();
                } catch (RuntimeException e) {
                    LOG.warn("The invalidation listener failed on a restored connection: {}", RedisFailures.describe(e));
                }
            }
        }

        @Override
        public void onMessage(String channelName, String text) {
            try {
                listener.onText(text);
            } catch (RuntimeException e) {
                LOG.warn("The listener on {} failed on a message: {}", channel, RedisFailures.describe(e));
            }
        }
    }
}
