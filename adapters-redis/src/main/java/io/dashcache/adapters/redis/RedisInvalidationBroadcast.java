package io.dashcache.adapters.redis;

import io.dashcache.application.port.in.invalidation.ReceiveInvalidation;
import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.application.port.out.invalidation.InvalidationBroadcast;
import io.dashcache.domain.KeyFormat;
import java.time.Duration;
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

    /**
     * How often the subscriber PINGs; three silent heartbeats and it reconnects. Short, because a
     * silent subscription (a frozen Redis, a half-open link) is noticed only then, and until then L1
     * is trusted though broadcasts may be missed.
     */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(RedisInvalidationBroadcast.class);

    private final ChannelSubscription subscription;

    /** @param origin this instance's id, shown in the subscriber connection's name in {@code CLIENT LIST} */
    public RedisInvalidationBroadcast(RedisConnector connector, KeyFormat keys, String origin) {
        this(connector, keys, origin, DEFAULT_HEARTBEAT);
    }

    /** @param heartbeat how often the subscriber checks that its connection is alive */
    public RedisInvalidationBroadcast(RedisConnector connector, KeyFormat keys, String origin, Duration heartbeat) {
        if (heartbeat == null || heartbeat.toMillis() < 10) {
            throw new IllegalArgumentException("heartbeat must be at least 10 ms, got " + heartbeat);
        }
        Objects.requireNonNull(connector, "connector");
        // naming prefix and instance, and unique, so operators (and tests) can tell subscribers apart in CLIENT LIST
        String clientName = "dashcache-sub-" + keys.prefix() + "-" + clientNamePart(Objects.requireNonNull(origin, "origin"))
                + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);
        this.subscription = new ChannelSubscription(connector, channel(keys), clientName,
                "dashcache-invalidations", heartbeat, LOG);
    }

    /** The channel every instance with these keys publishes on and subscribes to. */
    static String channel(KeyFormat keys) {
        return keys.name("invalidations");
    }

    /** @throws io.dashcache.application.port.out.reading.CacheTierUnavailableException when Redis did not take it */
    @Override
    public void publish(InvalidationMessage message) {
        subscription.publishOrFail(InvalidationCodec.encode(message), "an invalidation");
    }

    /**
     * Subscribes in a daemon thread and calls {@code listener} for each message,
     * {@link ReceiveInvalidation#onConnectionLost()} when the subscription breaks, and
     * {@link ReceiveInvalidation#onConnectionRestored()} whenever a lost subscription is back.
     * Returns at once, also while Redis is down.
     */
    public void start(ReceiveInvalidation listener) {
        subscription.start(listener, new InvalidationSubscriber.Listener() {
            @Override
            public void onText(String text) {
                InvalidationMessage message;
                try {
                    message = InvalidationCodec.decode(text);
                } catch (RuntimeException e) {
                    LOG.warn("Ignored an invalidation message on {} that does not parse: {}", subscription.channel(),
                            e.getMessage());
                    return;
                }
                listener.onInvalidation(message);
            }

            @Override
            public void onLost() {
                listener.onConnectionLost();
            }

            @Override
            public void onRestored() {
                listener.onConnectionRestored();
            }
        });
    }

    /** Whether the subscriber holds a confirmed subscription right now. */
    public boolean isSubscribed() {
        return subscription.isSubscribed();
    }

    /** The subscriber connection's name in {@code CLIENT LIST}. */
    public String subscriberClientName() {
        return subscription.clientName();
    }

    /** Stops the subscriber (waits for it briefly); publishing is the connector's and outlives this. */
    @Override
    public void close() {
        subscription.close();
    }

    /** Redis refuses client names with spaces or odd characters; an origin may have them. */
    static String clientNamePart(String origin) {
        String safe = origin.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.length() > 32 ? safe.substring(0, 32) : safe;
    }
}
