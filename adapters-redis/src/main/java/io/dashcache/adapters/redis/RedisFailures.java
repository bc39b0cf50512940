package io.dashcache.adapters.redis;

import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import java.util.function.Supplier;

/** Turns what Jedis throws into the port's exception, with a message that names the operation. */
final class RedisFailures {

    private RedisFailures() {
    }

    /** Runs one Redis command (or a pipeline); any failure becomes the port's exception. */
    static <T> T call(String operation, Supplier<T> command) {
        try {
            return command.get();
        } catch (RuntimeException e) {
            throw unavailable(operation, e);
        }
    }

    static CacheTierUnavailableException unavailable(String operation, RuntimeException cause) {
        return new CacheTierUnavailableException("Redis " + operation + " failed: " + describe(cause), cause);
    }

    /**
     * The exception's type and first message line, short. Jedis messages name hosts and commands,
     * never the password, which is passed to Redis only inside AUTH.
     */
    static String describe(Throwable failure) {
        Throwable shown = failure;
        while ((shown.getMessage() == null || shown.getMessage().isBlank()) && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage() == null ? "" : shown.getMessage().lines().findFirst().orElse("");
        if (message.length() > 160) {
            message = message.substring(0, 160) + "...";
        }
        return shown.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
