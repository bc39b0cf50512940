package io.dashcache.application.changefeed;

import io.dashcache.application.engine.InvalidationListener;
import io.dashcache.application.port.in.changefeed.TooManyStreamsException;
import io.dashcache.application.port.in.changefeed.WatchDashboardChanges;
import io.dashcache.application.port.messages.ChangeListener;
import io.dashcache.application.port.messages.ChangeScope;
import io.dashcache.application.port.messages.DashboardChange;
import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.domain.DashboardScope;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns invalidations into dashboard changes and fans them out to the watchers of this instance:
 * a per-user scope to that user's watchers, a global one to every watcher, "everything" (or a
 * broadcast that may have been missed) as a reload to every watcher.
 *
 * <pre>{@code
 * ChangeFeed feed = new ChangeFeed(ChangeFeedSettings.defaults(), clock);
 * CacheInvalidator invalidator = new CacheInvalidator(..., instanceId, feed);   // feed hears every invalidation
 * Subscription watching = feed.watch(UserId.of("42"), lastEventIdOrNull, clientStream);
 * watching.cancel();
 * }</pre>
 *
 * <p>Bounded everywhere: watchers per user and per instance (over the cap, {@link TooManyStreamsException}),
 * what each watcher buffers (its listener refuses when full, and is dropped), and the log of recent
 * changes kept for reconnecting clients. Change ids are {@code <feed>-<sequence>}, the feed part
 * new at every start, so an id from another instance (or an earlier run) is recognised as unknown
 * and answered with a reload rather than a wrong replay.
 */
public final class ChangeFeed implements WatchDashboardChanges, InvalidationListener {

    /** A stable order on the wire: the user's own parts, then the global ones, each in the order of {@link DataType}. */
    private static final Comparator<DashboardScope> USER_DATA_FIRST = Comparator.comparing(DashboardScope::isPerUser)
            .reversed().thenComparing(DashboardScope::type).thenComparing(scope -> scope.isPerUser() ? scope.user().value() : "");

    private final ChangeFeedSettings settings;
    private final Clock clock;
    private final String feedId;
    private final ChangeLog log;
    private final Map<UserId, Set<Watcher>> watchers = new HashMap<>();
    private int open;
    private long dropped;
    private long sequence;
    private long toldFresh;
    private long toldNotFresh;
    /** Where each part's notice waits for its fresh value; none: told at once (refresh on invalidation off). */
    private volatile NoticeHold hold;

    public ChangeFeed(ChangeFeedSettings settings, Clock clock) {
        // the start time, and randomness for two instances started in the same millisecond
        this(settings, clock, Long.toString(clock.millis(), 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36 * 36), 36));
    }

    /** @param feedId the first part of every change id: letters and digits, new at every start */
    public ChangeFeed(ChangeFeedSettings settings, Clock clock, String feedId) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (feedId == null || !feedId.matches("[a-z0-9]{1,32}")) {
            throw new IllegalArgumentException("a feed id is 1 to 32 lower-case letters and digits, got " + feedId);
        }
        this.feedId = feedId;
        this.log = new ChangeLog(settings.replayCapacity(), settings.replayRetention());
    }

    @Override
    public Subscription watch(UserId user, String lastEventId, ChangeListener listener) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(listener, "listener");
        Watcher watcher = new Watcher(user, listener);
        boolean refused = false;
        synchronized (this) {
            Set<Watcher> ofUser = watchers.get(user);
            if (open >= settings.maxStreams()) {
                throw new TooManyStreamsException(false, settings.maxStreams());
            }
            if (ofUser != null && ofUser.size() >= settings.maxStreamsPerUser()) {
                throw new TooManyStreamsException(true, settings.maxStreamsPerUser());
            }
            if (lastEventId != null) {
                for (DashboardChange change : missedSince(lastEventId, user)) {
                    refused |= !listener.offer(change);
                }
            }
            if (!refused) {
                watchers.computeIfAbsent(user, each -> new LinkedHashSet<>()).add(watcher);
                open++;
            } else {
                dropped++;
            }
        }
        if (refused) {
            listener.dropped();
        }
        return watcher;
    }

    @Override
    public void invalidated(InvalidationMessage message) {
        List<Watcher> behind = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            if (message.everything()) {
                announce(null, DashboardChange.reload(nextId()), now, behind);
            } else {
                for (DataType type : message.types()) {
                    ChangeScope scope = type.scopeKind().isPerUser() ? ChangeScope.USER : ChangeScope.GLOBAL;
                    announce(null, new DashboardChange(nextId(), scope, type, message.eventId()), now, behind);
                }
                if (hold == null) {
                    for (DashboardScope scope : partsOf(message)) {
                        announcePart(scope, message.eventId(), false, now, behind);
                    }
                }
            }
        }
        behind.forEach(watcher -> watcher.listener.dropped());
        NoticeHold waiting = hold;
        if (waiting != null && !message.everything()) {
            // each part is told when its fresh value is in L1 here, or at the hold's bound: on another thread
            // perhaps, and then in the order the values came
            for (DashboardScope scope : partsOf(message)) {
                waiting.whenFresh(scope, fresh -> tellPart(scope, message.eventId(), fresh));
            }
        }
    }

    /**
     * From now on each part's notice waits in {@code hold} until its fresh value is in this instance's L1
     * (refresh on invalidation is on). Set once, at start.
     */
    public void holdUntilFresh(NoticeHold hold) {
        this.hold = Objects.requireNonNull(hold, "hold");
    }

    /** What the invalidation dropped from L1 here: the keys its parts' notices wait for, when they wait. */
    @Override
    public void droppedFromL1(List<EntryKey> keys) {
        NoticeHold waiting = hold;
        if (waiting != null) {
            waiting.expect(keys);
        }
    }

    /** Part notices told when the values they name were back in this instance's L1, so a re-read here hits. */
    public synchronized long toldFresh() {
        return toldFresh;
    }

    /** Part notices told before that: refresh on invalidation off, the hold's bound passed, nothing in L1 here. */
    public synchronized long toldNotFresh() {
        return toldNotFresh;
    }

    /** Named caches' scopes are an application's own data, no part of a dashboard. */
    private static List<DashboardScope> partsOf(InvalidationMessage message) {
        return message.scopes().stream().filter(DashboardScope.class::isInstance).map(DashboardScope.class::cast)
                .sorted(USER_DATA_FIRST).toList();
    }

    private void tellPart(DashboardScope scope, String eventId, boolean fresh) {
        List<Watcher> behind = new ArrayList<>();
        synchronized (this) {
            announcePart(scope, eventId, fresh, clock.instant(), behind);
        }
        behind.forEach(watcher -> watcher.listener.dropped());
    }

    private void announcePart(DashboardScope scope, String eventId, boolean fresh, Instant now, List<Watcher> behind) {
        ChangeScope kind = scope.isPerUser() ? ChangeScope.USER : ChangeScope.GLOBAL;
        if (fresh) {
            toldFresh++;
        } else {
            toldNotFresh++;
        }
        announce(scope.user(), new DashboardChange(nextId(), kind, scope.type(), eventId), now, behind);
    }

    @Override
    public void invalidationsMayHaveBeenMissed() {
        List<Watcher> behind = new ArrayList<>();
        synchronized (this) {
            announce(null, DashboardChange.reload(nextId()), clock.instant(), behind);
        }
        behind.forEach(watcher -> watcher.listener.dropped());
    }

    /** Watchers registered now. */
    public synchronized int openStreams() {
        return open;
    }

    /** Watchers dropped since start because they could not keep up. */
    public synchronized long droppedStreams() {
        return dropped;
    }

    /** Logs the change and offers it to its audience ({@code null}: everyone); collects who fell behind. */
    private void announce(UserId audience, DashboardChange change, Instant now, List<Watcher> behind) {
        log.append(new ChangeLog.Entry(sequence, now, audience, change));
        if (audience != null) {
            offer(watchers.get(audience), change, behind);
        } else {
            watchers.values().forEach(ofUser -> offer(ofUser, change, behind));
        }
        for (Watcher watcher : behind) {
            if (remove(watcher)) {
                dropped++;
            }
        }
    }

    private static void offer(Set<Watcher> ofUser, DashboardChange change, List<Watcher> behind) {
        if (ofUser == null) {
            return;
        }
        for (Watcher watcher : ofUser) {
            if (!watcher.listener.offer(change)) {
                behind.add(watcher);
            }
        }
    }

    /**
     * What a client that last saw {@code lastEventId} missed: each stale part once, with its latest
     * id, oldest first; or one reload (with the latest id) when that cannot be known.
     */
    private List<DashboardChange> missedSince(String lastEventId, UserId user) {
        long seen = sequenceOf(lastEventId);
        List<ChangeLog.Entry> missed = seen < 0 || seen > sequence ? null
                : log.after(seen, user, sequence + 1, clock.instant());
        if (missed == null || missed.stream().anyMatch(entry -> entry.change().scope() == ChangeScope.RELOAD)) {
            return List.of(DashboardChange.reload(currentId()));
        }
        Map<String, DashboardChange> latestByPart = new LinkedHashMap<>();
        for (ChangeLog.Entry entry : missed) {
            String part = entry.change().scope() + ":" + entry.change().typeName();
            latestByPart.remove(part);
            latestByPart.put(part, entry.change());
        }
        return List.copyOf(latestByPart.values());
    }

    /** The sequence in one of this feed's ids; -1 for anything else. */
    private long sequenceOf(String id) {
        int dash = id.lastIndexOf('-');
        if (dash <= 0 || !id.substring(0, dash).equals(feedId)) {
            return -1;
        }
        try {
            return Long.parseLong(id.substring(dash + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String nextId() {
        sequence++;
        return currentId();
    }

    private String currentId() {
        return feedId + "-" + sequence;
    }

    /** Whether the watcher was still registered. */
    private boolean remove(Watcher watcher) {
        Set<Watcher> ofUser = watchers.get(watcher.user);
        if (ofUser == null || !ofUser.remove(watcher)) {
            return false;
        }
        if (ofUser.isEmpty()) {
            watchers.remove(watcher.user);
        }
        open--;
        return true;
    }

    private final class Watcher implements Subscription {

        private final UserId user;
        private final ChangeListener listener;

        Watcher(UserId user, ChangeListener listener) {
            this.user = user;
            this.listener = listener;
        }

        @Override
        public void cancel() {
            synchronized (ChangeFeed.this) {
                remove(this);
            }
        }

        @Override
        public void drop() {
            boolean wasWatching;
            synchronized (ChangeFeed.this) {
                wasWatching = remove(this);
                if (wasWatching) {
                    dropped++;
                }
            }
            if (wasWatching) {
                listener.dropped();
            }
        }
    }
}
