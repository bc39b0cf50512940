package io.dashcache.adapters.redis;

import io.dashcache.application.port.out.time.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** One hand-moved time: the wall clock and the monotonic timer move together. */
final class FakeTime extends TimeSource {

    private final Instant start;
    private final AtomicLong elapsedNanos = new AtomicLong();

    FakeTime(Instant start) {
        this.start = start;
    }

    void advance(Duration duration) {
        elapsedNanos.addAndGet(duration.toNanos());
    }

    @Override
    public long nanoTime() {
        return elapsedNanos.get();
    }

    @Override
    public Instant instant() {
        return start.plusNanos(elapsedNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("fake time is UTC only");
    }
}
