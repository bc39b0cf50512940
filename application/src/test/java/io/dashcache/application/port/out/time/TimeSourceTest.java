package io.dashcache.application.port.out.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeSourceTest {

    @Test
    void the_system_time_in_millis_stays_within_a_few_milliseconds_of_the_wall_clock_and_never_goes_back() {
        TimeSource time = TimeSource.system();
        long previous = time.millis();
        long end = System.nanoTime() + 2_500_000_000L; // past at least two re-anchorings
        while (System.nanoTime() < end) {
            long before = System.currentTimeMillis();
            long millis = time.millis();
            long after = System.currentTimeMillis();
            // counted on the monotonic timer: within 5 ms of the wall clock read around it
            assertThat(millis).isBetween(before - 5, after + 5);
            assertThat(millis).as("millis going back").isGreaterThanOrEqualTo(previous - 5);
            previous = millis;
        }
    }

    @Test
    void the_system_utc_clock_becomes_the_system_time_source_and_any_other_clock_is_kept_as_it_is() {
        assertThat(TimeSource.of(Clock.systemUTC()).getClass()).isEqualTo(TimeSource.system().getClass());
        Clock fixed = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
        TimeSource wrapped = TimeSource.of(fixed);
        assertThat(wrapped.millis()).isEqualTo(fixed.millis());
        assertThat(wrapped.instant()).isEqualTo(fixed.instant());
        assertThat(TimeSource.of(wrapped)).isSameAs(wrapped);
    }
}
