package io.dashcache.application.port.in.invalidation;

import io.dashcache.application.port.messages.InvalidationMessage;

/** Called by the broadcast's subscriber on every instance. */
public interface ReceiveInvalidation {

    void onInvalidation(InvalidationMessage message);

    /** The subscription broke: messages may be missed until it is back, so L1 is not trusted meanwhile. */
    void onConnectionLost();

    /** The subscription was lost and is back: messages may have been missed, so L1 is flushed. */
    void onConnectionRestored();
}
