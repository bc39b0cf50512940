package io.dashcache.application.port.out;

import io.dashcache.application.port.in.InvalidationMessage;

/** Tells every instance (this one included) which L1 entries to drop. */
@FunctionalInterface
public interface InvalidationBroadcast {

    /** Best effort: a lost message heals by the L1 TTL; the L2 versions are already bumped. */
    void publish(InvalidationMessage message);
}
