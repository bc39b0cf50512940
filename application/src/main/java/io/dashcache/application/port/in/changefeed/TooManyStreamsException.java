package io.dashcache.application.port.in.changefeed;

/** A watcher refused because its user, or the instance, has as many change streams open as allowed. */
public final class TooManyStreamsException extends RuntimeException {

    private final boolean perUser;
    private final int limit;

    public TooManyStreamsException(boolean perUser, int limit) {
        super(perUser
                ? "this user has " + limit + " change streams open, the most allowed; close one first"
                : "this instance serves " + limit + " change streams, the most it allows; retry later or elsewhere",
                null, false, false);
        this.perUser = perUser;
        this.limit = limit;
    }

    /** Whether the user's limit was reached (else the instance's). */
    public boolean perUser() {
        return perUser;
    }

    public int limit() {
        return limit;
    }
}
