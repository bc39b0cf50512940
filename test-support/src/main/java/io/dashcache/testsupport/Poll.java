package io.dashcache.testsupport;

import java.time.Duration;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Waits for servers that a harness started to reach a state; there is nothing to be notified by,
 * so it asks again every 50 ms. Main code of test-support cannot use Awaitility (a test dependency).
 *
 * <pre>{@code
 * Poll.until(Duration.ofSeconds(30), "the cluster to come up", this::whatIsStillWrong, this::logTails);
 * }</pre>
 */
final class Poll {

    private static final long INTERVAL_MS = 50;

    private Poll() {
    }

    /**
     * Returns once {@code problem} answers {@code null}; a Redis error counts as a problem, not a failure.
     *
     * @throws IllegalStateException after {@code timeout}, with the last problem and {@code diagnostics}
     */
    static void until(Duration timeout, String goal, Supplier<String> problem, Supplier<String> diagnostics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last;
        do {
            try {
                last = problem.get();
            } catch (JedisException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (last == null) {
                return;
            }
            pause();
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("Waited " + timeout.toSeconds() + " s for " + goal + ", but " + last + "\n"
                + diagnostics.get());
    }

    static void pause() {
        try {
            Thread.sleep(INTERVAL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis", e);
        }
    }
}
