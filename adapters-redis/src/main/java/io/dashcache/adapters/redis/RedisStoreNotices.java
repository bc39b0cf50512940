package io.dashcache.adapters.redis;

import io.dashcache.application.port.out.reading.StoreNotices;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.KeyFormat;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store notices over Redis pub/sub, on {@code {prefix}:stored}: {@link RedisSharedTier}'s compare-and-set
 * publishes the stored value's key name there in the same script that stores it (so a notice never comes
 * before the value, and costs the writer no round trip), and this subscriber wakes whoever watches that key.
 * The text is only looked up among the names watched here, never parsed or sent back to Redis.
 *
 * <pre>{@code
 * RedisStoreNotices notices = new RedisStoreNotices(connector, keyFormat, instanceId);
 * notices.start();   // daemon subscriber thread, reconnects by itself
 * }</pre>
 *
 * <p>Best effort, as the port says: while the subscription is down nobody is woken and the waiters poll;
 * there is nothing to flush when it comes back. At most {@link #MAX_WATCHED_KEYS} keys are watched at once.
 */
public final class RedisStoreNotices implements StoreNotices, AutoCloseable {

    /** Past this many watched keys a new watch is refused (its waiter polls): a bound, not a policy. */
    public static final int MAX_WATCHED_KEYS = 50_000;
    private static final Logger LOG = LoggerFactory.getLogger(RedisStoreNotices.class);

    private final KeyFormat keys;
    private final ChannelSubscription subscription;
    private final ConcurrentMap<String, List<Watching>> watched = new ConcurrentHashMap<>();
    private volatile long nextSweepAt = System.nanoTime();

    /** @param origin this instance's id, shown in the subscriber connection's name in {@code CLIENT LIST} */
    public RedisStoreNotices(RedisConnector connector, KeyFormat keys, String origin) {
        this.keys = Objects.requireNonNull(keys, "keys");
        // as the invalidation subscriber's, so operators (and tests) can tell the two apart in CLIENT LIST
        String clientName = "dashcache-stored-" + keys.prefix() + "-"
                + RedisInvalidationBroadcast.clientNamePart(Objects.requireNonNull(origin, "origin"))
                + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);
        this.subscription = new ChannelSubscription(Objects.requireNonNull(connector, "connector"), channel(keys),
                clientName, "dashcache-store-notices", RedisInvalidationBroadcast.DEFAULT_HEARTBEAT, LOG);
    }

    /** The channel the compare-and-set publishes on and this subscribes to. */
    public static String channel(KeyFormat keys) {
        return keys.name("stored");
    }

    /** Subscribes in a daemon thread; returns at once, also while Redis is down. */
    public void start() {
        subscription.start(this, new InvalidationSubscriber.Listener() {
            @Override
            public void onText(String valueKey) {
                heard(valueKey);
            }

            @Override
            public void onLost() {
                // a waiter falls back to its polls of L2 while no notice can come
            }

            @Override
            public void onRestored() {
                // notices missed meanwhile only cost their waiters a pause
            }
        });
    }

    /** Whether the subscriber holds a confirmed subscription right now. */
    public boolean isSubscribed() {
        return subscription.isSubscribed();
    }

    @Override
    public Watch watch(EntryKey key, Duration within, Runnable onStored) {
        Objects.requireNonNull(onStored, "onStored");
        long now = System.nanoTime();
        if (now - nextSweepAt >= 0) {
            sweep(now);
        }
        if (watched.size() >= MAX_WATCHED_KEYS) {
            return Watch.NONE;
        }
        String name = keys.valueKey(key);
        Watching watching = new Watching(onStored, now + within.toNanos());
        watched.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(watching);
        return () -> forget(name, watching);
    }

    /** How many keys are watched now (for tests). */
    int watchedKeys() {
        return watched.size();
    }

    void heard(String valueKey) {
        List<Watching> watchers = watched.get(valueKey);
        if (watchers == null) {
            return;
        }
        long now = System.nanoTime();
        for (Watching each : watchers) {
            if (now - each.until < 0) {
                try {
                    each.onStored.run();
                } catch (RuntimeException e) {
                    LOG.warn("A store notice's watcher failed: {}", e.toString());
                }
            } else {
                forget(valueKey, each);
            }
        }
    }

    private void forget(String name, Watching watching) {
        watched.computeIfPresent(name, (n, list) -> {
            list.remove(watching);
            return list.isEmpty() ? null : list;
        });
    }

    /** Drops the watches nobody cancelled once they are over; at most once a second. */
    private void sweep(long now) {
        nextSweepAt = now + 1_000_000_000L;
        watched.forEach((name, list) -> list.forEach(each -> {
            if (now - each.until >= 0) {
                forget(name, each);
            }
        }));
    }

    /** Stops the subscriber (waits for it briefly). */
    @Override
    public void close() {
        subscription.close();
    }

    /** One watch, by identity: two watches of one key with the same callback are still two. */
    private static final class Watching {

        final Runnable onStored;
        final long until;

        Watching(Runnable onStored, long until) {
            this.onStored = onStored;
            this.until = until;
        }
    }
}
