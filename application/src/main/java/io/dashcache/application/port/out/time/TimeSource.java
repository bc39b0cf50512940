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

    /**
     * The system's UTC clock and its monotonic timer. Its {@link #millis()} is counted on the monotonic
     * timer from the wall clock as last read, and reads the wall clock again once a second: on the
     * machines measured, a wall-clock read cost an L1 hit more than a third of its time, a monotonic one
     * a few nanoseconds (docs/benchmarks.md, section 7). A step of the wall clock shows within a second.
     */
    public static TimeSource system() {
        return new SystemTime();
    }

    /** {@code clock} for the wall time, the system's monotonic timer for durations; a TimeSource as it is. */
    public static TimeSource of(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (clock instanceof TimeSource time) {
            return time;
        }
        return clock.equals(Clock.systemUTC()) ? system() : new WallAndMonotonic(clock);
    }

    /** {@link #system()}: millis from the monotonic timer, anchored to the wall clock once a second. */
    private static final class SystemTime extends WallAndMonotonic {

        private static final long REANCHOR_NANOS = 1_000_000_000L;

        private record Anchor(long wallMillis, long nanos) {
        }

        private volatile Anchor anchor = new Anchor(System.currentTimeMillis(), System.nanoTime());

        SystemTime() {
            super(Clock.systemUTC());
        }

        @Override
        public long millis() {
            Anchor current = anchor;
            long elapsed = System.nanoTime() - current.nanos();
            if (elapsed >= 0 && elapsed < REANCHOR_NANOS) {
                return current.wallMillis() + elapsed / 1_000_000;
            }
            Anchor fresh = new Anchor(System.currentTimeMillis(), System.nanoTime());
            anchor = fresh;
            return fresh.wallMillis();
        }
    }

    private static class WallAndMonotonic extends TimeSource {

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
