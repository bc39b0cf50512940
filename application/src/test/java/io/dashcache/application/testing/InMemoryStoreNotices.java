package io.dashcache.application.testing;

import io.dashcache.application.port.out.reading.StoreNotices;
import io.dashcache.domain.EntryKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Store notices a test announces by hand ({@link #announce}), as the Redis compare-and-set does after a store. */
public final class InMemoryStoreNotices implements StoreNotices {

    private final Map<EntryKey, List<Runnable>> watched = new ConcurrentHashMap<>();

    @Override
    public Watch watch(EntryKey key, Duration within, Runnable onStored) {
        watched.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(onStored);
        return () -> watched.getOrDefault(key, List.of()).remove(onStored);
    }

    /** Tells every watcher of {@code key} that a value of it was stored. */
    public void announce(EntryKey key) {
        watched.getOrDefault(key, List.of()).forEach(Runnable::run);
    }

    /** How many watches of {@code key} are open. */
    public int watching(EntryKey key) {
        return watched.getOrDefault(key, List.of()).size();
    }
}
