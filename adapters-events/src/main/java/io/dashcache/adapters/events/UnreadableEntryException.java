package io.dashcache.adapters.events;

/** A stream entry that is not a valid engine event; retrying cannot help, so it is dead-lettered. */
final class UnreadableEntryException extends Exception {

    UnreadableEntryException(String reason) {
        super(reason, null, false, false);
    }
}
