package io.dashcache.application.warming;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code perSecond} tokens a second, at most {@code burst} saved up, full at the
 * start. Kept as the generic cell rate algorithm (the moment the bucket would be full again, in
 * whole nanoseconds), so no rounding of fractional tokens ever loses one. Time comes from a
 * monotonic nanosecond ticker ({@code System::nanoTime}, a fake one in tests), never from the wall
 * clock, so a clock step cannot stall or flood it.
 */
final class TokenBucket {

    private final long interval;
    private final long tolerance;
    private final LongSupplier ticker;
    private long fullAgainAt;

    TokenBucket(double perSecond, double burst, LongSupplier ticker) {
        if (!(perSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and a burst of at least 1, got "
                    + perSecond + "/s and " + burst);
        }
        this.interval = Math.max(1, Math.round(1e9 / perSecond));
        this.tolerance = (long) ((burst - 1) * interval);
        this.ticker = ticker;
        this.fullAgainAt = ticker.getAsLong();
    }

    /** Takes a token if there is one: {@code 0}; else takes nothing and says how many nanoseconds until there is. */
    synchronized long tryTake() {
        long now = ticker.getAsLong();
        long base = fullAgainAt - now > 0 ? fullAgainAt : now;
        long early = base - now - tolerance;
        if (early > 0) {
            return early;
        }
        fullAgainAt = base + interval;
        return 0;
    }
}
