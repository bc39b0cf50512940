package io.dashcache.adapters.redis;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** One hand-moved time, seen both as a Caffeine {@link Ticker} and as a wall {@link Clock}. */
final class FakeTime extends Clock implements Ticker {

    private final Instant start;
    private final AtomicLong elapsedNanos = new AtomicLong();

    FakeTime(Instant start) {
        this.start = start;
    }

    void advance(Duration duration) {
        elapsedNanos.addAndGet(duration.toNanos());
    }

    @Override
    public long read() {
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
