package io.dashcache.application.port.out.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The one source of time of an instance: a {@link Clock} for the wall time (expiries, timestamps) that
 * also reads a monotonic nanosecond count for durations (latencies, waits, rates, L1 ages). Every class
 * that needs time takes this, so a test can hand all of them the same fake.
 *
 * <pre>{@code
 * TimeSource time = TimeSource.system();
 * Instant now = time.instant();
 * long started = time.nanoTime();  ...  long took = time.nanoTime() - started;
 * }</pre>
 */
public abstract class TimeSource extends Clock {

    /** A monotonic count of nanoseconds, for measuring durations only (its origin means nothing). */
    public abstract long nanoTime();

    /** The system's UTC clock and its monotonic timer. */
    public static TimeSource system() {
        return of(Clock.systemUTC());
    }

    /** {@code clock} for the wall time, the system's monotonic timer for durations; a TimeSource as it is. */
    public static TimeSource of(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return clock instanceof TimeSource time ? time : new WallAndMonotonic(clock);
    }

    private static final class WallAndMonotonic extends TimeSource {

        private final Clock wall;

        WallAndMonotonic(Clock wall) {
            this.wall = wall;
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public ZoneId getZone() {
            return wall.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new WallAndMonotonic(wall.withZone(zone));
        }

        @Override
        public Instant instant() {
            return wall.instant();
        }

        @Override
        public long millis() {
            return wall.millis();
        }
    }
}
