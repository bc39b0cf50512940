package io.dashcache.application.engine;

import io.dashcache.application.port.messages.InvalidationMessage;

/**
 * Hears of every invalidation this instance learns of, once each: those it applied itself (at
 * once, also without Redis) and those other instances broadcast. The change feed listens, to tell
 * dashboards what to re-read. Called on the thread that applied or received the invalidation:
 * implementations return quickly and never block.
 */
public interface InvalidationListener {

    /** Hears nothing. */
    InvalidationListener NONE = new InvalidationListener() {
        @Override
        public void invalidated(InvalidationMessage message) {
        }

        @Override
        public void invalidationsMayHaveBeenMissed() {
        }
    };

    void invalidated(InvalidationMessage message);

    /** The broadcast was interrupted: other instances' invalidations may have been missed meanwhile. */
    void invalidationsMayHaveBeenMissed();
}
