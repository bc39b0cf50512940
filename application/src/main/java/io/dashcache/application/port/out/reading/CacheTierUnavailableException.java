package io.dashcache.application.port.out.reading;

/** A cache tier (Redis) did not answer; the read goes on without it. */
public final class CacheTierUnavailableException extends RuntimeException {

    public CacheTierUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
