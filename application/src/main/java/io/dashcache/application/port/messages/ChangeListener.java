package io.dashcache.application.port.messages;

/**
 * Where a watcher's changes go: one client's stream. The feed calls it under its lock, for every
 * watcher at once, so neither method may block.
 */
public interface ChangeListener {

    /**
     * Takes a change to send, without waiting.
     *
     * @return {@code false} when the client cannot keep up (its bounded buffer is full): the feed
     *         then drops it rather than buffer without limit
     */
    boolean offer(DashboardChange change);

    /** The feed dropped this watcher because it fell behind: end the client's stream now. */
    void dropped();
}
