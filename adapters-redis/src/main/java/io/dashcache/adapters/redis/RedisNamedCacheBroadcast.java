package io.dashcache.adapters.redis;

import io.dashcache.domain.KeyFormat;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local-tier invalidations of applications' named caches over Redis pub/sub, on the channel
 * {@code {prefix}:app-invalidations}. Same subscriber as {@link RedisInvalidationBroadcast}
 * (reconnects, heartbeats, tells the listener when messages may have been missed); an instance
 * ignores what it published itself.
 *
 * <pre>{@code
 * RedisNamedCacheBroadcast broadcast = new RedisNamedCacheBroadcast(connector, keys, "svc-1");
 * broadcast.start(listener);
 * broadcast.publishEvict("orders", "order-17");
 * broadcast.publishClear("orders");
 * }</pre>
 *
 * <p>Message text: {@code dashcache-named/1}, the origin, the cache name, then the key in base64url
 * (absent for a clear), one per line: an application key may hold any character.
 */
public final class RedisNamedCacheBroadcast implements AutoCloseable {

    static final String HEADER = "dashcache-named/1";
    private static final Logger LOG = LoggerFactory.getLogger(RedisNamedCacheBroadcast.class);

    /** What the instance does with the others' evictions. */
    public interface Listener {

        void onEvicted(String cacheName, String key);

        void onCleared(String cacheName);

        /** The subscription was lost and is back: drop every local entry. */
        void onMissedMessages();
    }

    private final String origin;
    private final ChannelSubscription subscription;

    public RedisNamedCacheBroadcast(RedisConnector connector, KeyFormat keys, String origin) {
        Objects.requireNonNull(connector, "connector");
        String channel = keys.name("app-invalidations");
        this.origin = Objects.requireNonNull(origin, "origin").replace('\n', ' ') + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);
        String clientName = "dashcache-named-" + keys.prefix() + "-" + this.origin.replaceAll("[^A-Za-z0-9._-]", "_");
        this.subscription = new ChannelSubscription(connector, channel, clientName, "dashcache-named-invalidations",
                RedisInvalidationBroadcast.DEFAULT_HEARTBEAT, LOG);
    }

    public void publishEvict(String cacheName, String key) {
        publish(cacheName + "\n" + Base64.getUrlEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)));
    }

    public void publishClear(String cacheName) {
        publish(cacheName);
    }

    private void publish(String tail) {
        subscription.publish(HEADER + "\n" + origin + "\n" + tail, "a named-cache invalidation");
    }

    /** Subscribes in a daemon thread; returns at once, also while Redis is down. */
    public void start(Listener listener) {
        subscription.start(listener, new InvalidationSubscriber.Listener() {
            @Override
            public void onText(String text) {
                dispatch(text, listener);
            }

            @Override
            public void onRestored() {
                listener.onMissedMessages();
            }
        });
    }

    private void dispatch(String text, Listener listener) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 3 || lines.length > 4 || !lines[0].equals(HEADER)) {
            LOG.warn("Ignored a named-cache invalidation on {} that does not parse", subscription.channel());
            return;
        }
        if (lines[1].equals(origin)) {
            return; // our own: already applied locally
        }
        if (lines.length == 3) {
            listener.onCleared(lines[2]);
        } else {
            listener.onEvicted(lines[2], new String(Base64.getUrlDecoder().decode(lines[3]), StandardCharsets.UTF_8));
        }
    }

    public boolean isSubscribed() {
        return subscription.isSubscribed();
    }

    @Override
    public void close() {
        subscription.close();
    }
}
