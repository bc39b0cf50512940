package io.dashcache.adapters.redis;

import io.dashcache.application.port.in.InvalidationMessage;
import io.dashcache.application.port.in.ReceiveInvalidation;
import io.dashcache.application.port.out.InvalidationBroadcast;
import io.dashcache.domain.KeyFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * L1 invalidations over Redis pub/sub, on the channel {@code {prefix}:invalidations}: every
 * instance with the same prefix (this one included) receives what any of them publishes.
 *
 * <pre>{@code
 * RedisInvalidationBroadcast broadcast = new RedisInvalidationBroadcast(connector, keyFormat, instanceId);
 * broadcast.start(receiveInvalidation);   // daemon subscriber thread, reconnects by itself
 * broadcast.publish(InvalidationMessage.ofScopes(instanceId, scopes));
 * broadcast.close();
 * }</pre>
 *
 * <p>Publishing is best effort, as the port says: when Redis does not take the message it is
 * logged and dropped (the scope versions in L2 are what keeps reads correct; L1 heals by its TTL,
 * and every instance flushes L1 when its subscription comes back).
 */
public final class RedisInvalidationBroadcast implements InvalidationBroadcast, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisInvalidationBroadcast.class);

    private final RedisConnector connector;
    private final String channel;
    private final String clientName;
    private volatile InvalidationSubscriber subscriber;
    private Thread thread;
    private boolean closed;

    /** @param origin this instance's id, carried in each message for the logs */
    public RedisInvalidationBroadcast(RedisConnector connector, KeyFormat keys, String origin) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.channel = keys.name("invalidations");
        Objects.requireNonNull(origin, "origin");
        // unique per instance, and naming the prefix, so an operator can tell subscribers apart in CLIENT LIST
        this.clientName = "dashcache-sub-" + keys.prefix() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);
    }

    @Override
    public void publish(InvalidationMessage message) {
        try {
            connector.client().publish(channel, InvalidationCodec.encode(message));
        } catch (RuntimeException e) {
            LOG.warn("Could not publish an invalidation of {} scope(s) on {}: {}", message.scopes().size(), channel,
                    RedisFailures.describe(e));
        }
    }

    /**
     * Subscribes in a daemon thread and calls {@code listener} for each message, and
     * {@link ReceiveInvalidation#onConnectionRestored()} whenever a lost subscription is back.
     * Returns at once, also while Redis is down.
     */
    public synchronized void start(ReceiveInvalidation listener) {
        if (closed || subscriber != null) {
            throw new IllegalStateException(closed ? "the broadcast is closed" : "the subscriber is already started");
        }
        subscriber = new InvalidationSubscriber(connector, channel, clientName, Objects.requireNonNull(listener));
        thread = new Thread(subscriber, "dashcache-invalidations");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the subscriber holds a confirmed subscription right now. */
    public boolean isSubscribed() {
        InvalidationSubscriber current = subscriber;
        return current != null && current.isSubscribed();
    }

    /** The subscriber connection's name in {@code CLIENT LIST}. */
    public String subscriberClientName() {
        return clientName;
    }

    /** Stops the subscriber (waits for it briefly); publishing is the connector's and outlives this. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (subscriber != null) {
            subscriber.stop(thread);
        }
    }
}
