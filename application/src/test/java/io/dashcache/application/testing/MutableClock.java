package io.dashcache.application.testing;

import io.dashcache.application.port.out.time.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A time source tests move by hand, instead of sleeping. Its monotonic timer moves with every
 * {@link #advance} on top of real time, so a wait bounded by it (a lease wait that also parks) still
 * ends by itself.
 */
public final class MutableClock extends TimeSource {

    private volatile Instant now;
    private volatile long advancedNanos;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public static MutableClock at(String instant) {
        return new MutableClock(Instant.parse(instant));
    }

    public void advance(Duration step) {
        now = now.plus(step);
        advancedNanos += step.toNanos();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime() + advancedNanos;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
