package io.dashcache.application.port.out.invalidation;

import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;

/** Tells every instance (this one included) which L1 entries to drop. */
@FunctionalInterface
public interface InvalidationBroadcast {

    /**
     * Hands the message to every instance's subscription.
     *
     * @throws CacheTierUnavailableException when the message could not be handed over: other instances
     *         may then keep their L1 copies (until their L1 TTL), so the caller fails and the event is retried
     */
    void publish(InvalidationMessage message);
}
