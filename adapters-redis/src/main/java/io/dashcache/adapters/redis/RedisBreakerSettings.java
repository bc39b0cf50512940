package io.dashcache.adapters.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * When the circuit around L2 opens and how it closes again.
 *
 * @param failureRatePercent failures among the last {@code window} calls that open the circuit
 * @param window             how many recent calls are judged
 * @param minimumCalls       calls needed before the rate is judged at all (a first failure alone opens nothing)
 * @param openFor            how long an open circuit skips Redis before it lets probes through
 *                           ({@code DASHCACHE_REDIS_BREAKER_OPEN_MS})
 * @param probes             calls let through half-open; the circuit closes when their failure rate is under the threshold
 */
public record RedisBreakerSettings(int failureRatePercent, int window, int minimumCalls, Duration openFor, int probes) {

    public static final Duration DEFAULT_OPEN_FOR = Duration.ofSeconds(5);

    public RedisBreakerSettings {
        if (failureRatePercent < 1 || failureRatePercent > 100) {
            throw new IllegalArgumentException("breaker failure rate must be 1 to 100 %, got " + failureRatePercent);
        }
        if (window < 1 || minimumCalls < 1 || minimumCalls > window) {
            throw new IllegalArgumentException("breaker window (" + window + ") and minimum calls (" + minimumCalls
                    + ") must be positive, the minimum at most the window");
        }
        Objects.requireNonNull(openFor, "openFor");
        if (openFor.toMillis() < 1 || openFor.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("breaker open time must be 1 ms to 10 minutes, got " + openFor);
        }
        if (probes < 1) {
            throw new IllegalArgumentException("breaker probes must be positive, got " + probes);
        }
    }

    /** Half of the last 20 calls failing (after at least 10) opens it for 5 s; 3 probes decide. */
    public static RedisBreakerSettings defaults() {
        return openFor(DEFAULT_OPEN_FOR);
    }

    public static RedisBreakerSettings openFor(Duration openFor) {
        return new RedisBreakerSettings(50, 20, 10, openFor, 3);
    }
}
