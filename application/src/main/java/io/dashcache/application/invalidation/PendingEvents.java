package io.dashcache.application.invalidation;

import io.dashcache.domain.DashboardScope;
import io.dashcache.domain.EngineEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Engine events accepted while Redis could not record them, in the order they came, until they are
 * applied: bounded, and a full queue refuses (the sender is told to retry) rather than drops.
 * Thread-safe; in memory only, so an instance that dies loses what it holds (a sender that needs more
 * uses the stream, whose entries stay pending in Redis).
 */
final class PendingEvents {

    /**
     * One accepted event, the scopes of it still to record (all of them, or those on a shard that was away),
     * and when it came from the stream ({@code null}: the webhook).
     */
    record Pending(EngineEvent event, Set<DashboardScope> scopes, Instant streamedAt) {

        Pending {
            scopes = Set.copyOf(scopes);
        }
    }

    private final int capacity;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private long refused;

    PendingEvents(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("the pending events' capacity must not be negative, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** @return false when full: the event was not taken */
    synchronized boolean offer(Pending pending) {
        if (queue.size() >= capacity) {
            refused++;
            return false;
        }
        queue.addLast(pending);
        return true;
    }

    /** A copy of what waits, oldest first. */
    synchronized List<Pending> inOrder() {
        return List.copyOf(queue);
    }

    /** Takes {@code applied} (this very one, wherever it stands) out. */
    synchronized void remove(Pending applied) {
        queue.removeIf(each -> each == applied);
    }

    synchronized int size() {
        return queue.size();
    }

    synchronized long refused() {
        return refused;
    }

    int capacity() {
        return capacity;
    }
}
