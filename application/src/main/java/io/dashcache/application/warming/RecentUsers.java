package io.dashcache.application.warming;

import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users this instance served lately, with the widgets each read: so a user's first read can warm
 * the rest of that user's dashboard, and an operator's "warm user U" can include U's widgets.
 *
 * <p>Bounded without a lock on the read path: users are kept in two generations. A new generation
 * starts when the current one holds half the capacity or is older than {@code generation}; the one
 * before it is then forgotten. A user is "new" when absent from both, i.e. not seen for at least one
 * generation: a returning user's first read after a quiet spell warms again.
 */
final class RecentUsers {

    static final int MAX_WIDGETS_PER_USER = 16;

    private final int capacity;
    private final Duration generation;
    private final Clock clock;
    private volatile Generation current;
    private volatile Generation previous;

    RecentUsers(int capacity, Duration generation, Clock clock) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, got " + capacity);
        }
        this.capacity = capacity;
        this.generation = generation;
        this.clock = clock;
        this.current = new Generation(clock.instant());
        this.previous = new Generation(clock.instant());
    }

    /**
     * Notes a read by {@code user} (of {@code widget}, when it was a widget).
     *
     * @return whether the user was not seen lately: this is the user's first read
     */
    boolean seen(UserId user, WidgetType widget) {
        Generation now = currentGeneration();
        Set<WidgetType> widgets = now.users.get(user);
        boolean first = false;
        if (widgets == null) {
            Set<WidgetType> earlier = previous.users.get(user);
            first = earlier == null;
            Set<WidgetType> fresh = earlier != null ? earlier : ConcurrentHashMap.newKeySet();
            Set<WidgetType> raced = now.users.putIfAbsent(user, fresh);
            widgets = raced != null ? raced : fresh;
            first &= raced == null;
        }
        if (widget != null && widgets.size() < MAX_WIDGETS_PER_USER) {
            widgets.add(widget);
        }
        return first;
    }

    /** The widgets {@code user} read lately (at most {@value #MAX_WIDGETS_PER_USER}). */
    Set<WidgetType> widgetsOf(UserId user) {
        Set<WidgetType> widgets = current.users.get(user);
        if (widgets == null) {
            widgets = previous.users.get(user);
        }
        return widgets == null ? Set.of() : Set.copyOf(widgets);
    }

    private Generation currentGeneration() {
        Generation now = current;
        if (now.users.size() >= capacity / 2 || !clock.instant().isBefore(now.started.plus(generation))) {
            synchronized (this) {
                if (current == now) {
                    previous = now;
                    current = new Generation(clock.instant());
                }
                return current;
            }
        }
        return now;
    }

    private static final class Generation {
        final ConcurrentHashMap<UserId, Set<WidgetType>> users = new ConcurrentHashMap<>();
        final Instant started;

        Generation(Instant started) {
            this.started = started;
        }
    }
}
