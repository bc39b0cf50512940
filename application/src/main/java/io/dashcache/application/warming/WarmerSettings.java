package io.dashcache.application.warming;

import io.dashcache.application.port.in.warming.WarmRequest;
import java.time.Duration;
import java.util.Objects;

/**
 * The warmer's limits: warming may never starve the readers.
 *
 * @param concurrency      the most warm tasks running at once (each at most one engine load)
 * @param ratePerSecond    the most warm tasks started per second (a token bucket holding a tenth of a second's worth)
 * @param queueCapacity    the most tasks waiting; more are dropped and counted
 * @param hottest          how many of the hottest keys a scheduled pass warms; 0 = none
 * @param interval         time between scheduled passes, and how long a scheduled pass wants a key to stay
 *                         fresh (a hot key about to expire before the next pass is reloaded now); zero = no passes
 * @param warmOnFirstRead  whether a user's first read warms the rest of that user's dashboard
 */
public record WarmerSettings(int concurrency, double ratePerSecond, int queueCapacity, int hottest, Duration interval,
                             boolean warmOnFirstRead) {

    public static final int DEFAULT_CONCURRENCY = 4;
    public static final double DEFAULT_RATE = 200;
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final int DEFAULT_HOTTEST = 100;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    public WarmerSettings {
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("warm concurrency must be from 1 to 256, got " + concurrency);
        }
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("warm rate must be positive, got " + ratePerSecond);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("warm queue capacity must be positive, got " + queueCapacity);
        }
        if (hottest < 0 || hottest > WarmRequest.MAX_HOTTEST) {
            throw new IllegalArgumentException("hottest must be from 0 to " + WarmRequest.MAX_HOTTEST + ", got " + hottest);
        }
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("warm interval must not be negative, got " + interval);
        }
    }

    /** 4 at once, 200 a second, 10,000 waiting, the 100 hottest keys every 60 s, first reads warm. */
    public static WarmerSettings defaults() {
        return new WarmerSettings(DEFAULT_CONCURRENCY, DEFAULT_RATE, DEFAULT_QUEUE_CAPACITY, DEFAULT_HOTTEST,
                DEFAULT_INTERVAL, true);
    }

    /** The burst of the rate limit: a tenth of a second's worth, at least one. */
    double burst() {
        return Math.max(1, ratePerSecond / 10);
    }
}
