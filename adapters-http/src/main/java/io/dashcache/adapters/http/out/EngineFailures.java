package io.dashcache.adapters.http.out;

import io.dashcache.application.port.out.reading.SourceUnavailableException.Reason;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/**
 * What a failed exchange means for the caller: which {@link Reason}, and a message naming it in
 * this project's words (it reaches {@code /health}); the exception itself goes to the log.
 */
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
            if (t instanceof BoundedBodySubscriber.TooLargeException) {
                return Reason.BAD_ANSWER;
            }
        }
        // a reset connection or an answer that is not HTTP at all: the engine is there but broken
        return Reason.FAILING;
    }

    static String describe(Reason reason, Throwable failure, String what) {
        return switch (reason) {
            case TIMEOUT -> "the engine did not answer " + what + " in time";
            case UNREACHABLE -> "the engine cannot be reached for " + what + " (" + unreachable(failure)
                    + "); check DASHCACHE_ENGINE_URL and that the engine runs";
            case BAD_ANSWER -> "the engine's answer to " + what + " is too large: " + failure.getMessage();
            case FAILING -> "the exchange " + what + " with the engine failed (" + broken(failure) + ")";
        };
    }

    private static String unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "its host name does not resolve";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to its host";
            }
        }
        return "the connection was refused";
    }

    private static String broken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return "the TLS handshake failed";
            }
        }
        return "the connection broke before a whole HTTP answer arrived";
    }
}
