package io.dashcache.adapters.http.out;

import io.dashcache.application.port.out.reading.SourceUnavailableException.Reason;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/** What a failed exchange means for the caller: which {@link Reason}, and a message naming it. */
final class EngineFailures {

    private EngineFailures() {
    }

    static Reason reasonFor(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return Reason.TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException || t instanceof NoRouteToHostException) {
                return Reason.UNREACHABLE;
            }
        }
        // a reset connection, a response too large or not HTTP at all: the engine is there but broken
        return Reason.FAILING;
    }

    static String describe(Reason reason, Throwable failure, String what) {
        return switch (reason) {
            case TIMEOUT -> "the engine did not answer " + what + " in time";
            case UNREACHABLE -> "the engine cannot be reached for " + what + " (" + failure.getClass().getSimpleName() + ")";
            case FAILING -> failure instanceof BoundedBodySubscriber.TooLargeException
                    ? "the engine's answer to " + what + " is too large: " + failure.getMessage()
                    : "the exchange " + what + " with the engine failed (" + failure.getClass().getSimpleName() + ")";
        };
    }
}
