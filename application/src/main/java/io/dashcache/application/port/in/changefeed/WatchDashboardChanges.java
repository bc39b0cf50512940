package io.dashcache.application.port.in.changefeed;

import io.dashcache.application.port.messages.ChangeListener;
import io.dashcache.application.port.messages.ChangeScope;
import io.dashcache.application.port.messages.DashboardChange;
import io.dashcache.domain.UserId;

/**
 * Live changes to one user's dashboard: every invalidation that makes part of it stale, on any
 * instance, becomes a {@link DashboardChange} for every watcher of that user (and, for data every
 * dashboard shows, for every watcher).
 */
public interface WatchDashboardChanges {

    /**
     * Starts telling {@code listener} of the changes to {@code user}'s dashboard. When
     * {@code lastEventId} is given, the listener first hears what it missed since that change
     * (each stale part once, with its latest id), or one {@link ChangeScope#RELOAD} when that cannot
     * be known (an id this feed did not give, or one older than what it remembers).
     *
     * @param lastEventId the id of the last change the client saw, or {@code null}
     * @throws TooManyStreamsException when the user, or this instance, has as many watchers as allowed
     */
    Subscription watch(UserId user, String lastEventId, ChangeListener listener);

    /** One watcher's registration. */
    interface Subscription {

        /** Stops the changes (the client went away). Idempotent. */
        void cancel();

        /**
         * The client cannot keep up: stops the changes, counts it as dropped, and tells the
         * listener ({@link ChangeListener#dropped()}). Idempotent; nothing after a cancel.
         */
        void drop();
    }
}
