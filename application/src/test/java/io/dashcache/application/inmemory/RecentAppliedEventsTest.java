package io.dashcache.application.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecentAppliedEventsTest {

    @Test
    void an_unknown_event_is_not_applied_and_a_marked_one_is() {
        RecentAppliedEvents applied = new RecentAppliedEvents(10);

        assertThat(applied.isApplied("e-1")).isFalse();
        applied.markApplied("e-1");
        assertThat(applied.isApplied("e-1")).isTrue();
        assertThat(applied.isApplied("e-2")).isFalse();
    }

    @Test
    void beyond_its_capacity_the_oldest_id_is_forgotten_first() {
        RecentAppliedEvents applied = new RecentAppliedEvents(3);
        applied.markApplied("e-1");
        applied.markApplied("e-2");
        applied.markApplied("e-3");

        applied.markApplied("e-4");

        assertThat(applied.isApplied("e-1")).isFalse();
        assertThat(applied.isApplied("e-2")).isTrue();
        assertThat(applied.isApplied("e-3")).isTrue();
        assertThat(applied.isApplied("e-4")).isTrue();
    }

    @Test
    void asking_about_or_marking_an_id_again_does_not_make_it_younger() {
        RecentAppliedEvents applied = new RecentAppliedEvents(2);
        applied.markApplied("e-1");
        applied.markApplied("e-2");
        applied.isApplied("e-1");
        applied.markApplied("e-1");

        applied.markApplied("e-3");

        assertThat(applied.isApplied("e-1")).isFalse();
        assertThat(applied.isApplied("e-2")).isTrue();
        assertThat(applied.isApplied("e-3")).isTrue();
    }

    @Test
    void a_capacity_of_one_remembers_only_the_latest() {
        RecentAppliedEvents applied = new RecentAppliedEvents(1);
        applied.markApplied("e-1");
        applied.markApplied("e-2");

        assertThat(applied.isApplied("e-1")).isFalse();
        assertThat(applied.isApplied("e-2")).isTrue();
    }

    @Test
    void it_holds_exactly_its_capacity() {
        RecentAppliedEvents applied = new RecentAppliedEvents(1000);
        IntStream.range(0, 1500).forEach(i -> applied.markApplied("e-" + i));

        assertThat(IntStream.range(0, 1500).filter(i -> applied.isApplied("e-" + i)))
                .containsExactlyElementsOf(IntStream.range(500, 1500).boxed().toList());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void a_capacity_below_one_is_refused(int capacity) {
        assertThatThrownBy(() -> new RecentAppliedEvents(capacity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be positive, got " + capacity);
    }
}
