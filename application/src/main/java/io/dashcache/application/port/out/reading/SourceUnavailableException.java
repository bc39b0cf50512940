package io.dashcache.application.port.out.reading;

/** The engine could not answer; the reason decides the HTTP status (502, 504 or 503). */
public final class SourceUnavailableException extends RuntimeException {

    public enum Reason {
        /** it answered, but with a 5xx or another status that is not an answer */
        FAILING,
        /** it answered 200 with a body that must not be cached: not well-formed JSON, not an object or array, too large */
        BAD_ANSWER,
        /** it did not answer in time */
        TIMEOUT,
        /** it could not be reached at all (connection refused, unknown host) */
        UNREACHABLE
    }

    private final Reason reason;

    public SourceUnavailableException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SourceUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
