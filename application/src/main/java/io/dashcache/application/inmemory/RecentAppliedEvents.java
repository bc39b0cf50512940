package io.dashcache.application.inmemory;

import io.dashcache.application.port.out.invalidation.AppliedEvents;
import java.util.LinkedHashMap;
import java.util.Map;

/** In-memory memory of recent event ids, for an L1-only instance; bounded, oldest forgotten first. */
public final class RecentAppliedEvents implements AppliedEvents {

    private final Map<String, Boolean> ids;

    public RecentAppliedEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized boolean isApplied(String eventId) {
        return ids.containsKey(eventId);
    }

    @Override
    public synchronized void markApplied(String eventId) {
        ids.put(eventId, Boolean.TRUE);
    }
}
