package io.dashcache.application.changefeed;

import io.dashcache.application.port.messages.DashboardChange;
import io.dashcache.domain.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The recent changes a reconnecting client may have missed: the last {@code capacity} of them,
 * none older than {@code retention}. Not thread-safe (the feed locks).
 */
final class ChangeLog {

    /** @param audience the user it concerns, or {@code null} for every user */
    record Entry(long sequence, Instant at, UserId audience, DashboardChange change) {
    }

    private final int capacity;
    private final Duration retention;
    private final Deque<Entry> entries = new ArrayDeque<>();

    ChangeLog(int capacity, Duration retention) {
        this.capacity = capacity;
        this.retention = retention;
    }

    void append(Entry entry) {
        if (capacity == 0) {
            return;
        }
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    /**
     * What {@code user} missed after {@code sequence}, oldest first; {@code null} when that cannot be
     * known because changes after it were forgotten (too many since, or too long ago).
     *
     * @param next the sequence the next change will get
     */
    List<Entry> after(long sequence, UserId user, long next, Instant now) {
        Instant oldest = now.minus(retention);
        while (!entries.isEmpty() && entries.peekFirst().at().isBefore(oldest)) {
            entries.removeFirst();
        }
        long firstRemembered = entries.isEmpty() ? next : entries.peekFirst().sequence();
        if (sequence < firstRemembered - 1) {
            return null;
        }
        List<Entry> missed = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.sequence() > sequence && (entry.audience() == null || entry.audience().equals(user))) {
                missed.add(entry);
            }
        }
        return missed;
    }
}
