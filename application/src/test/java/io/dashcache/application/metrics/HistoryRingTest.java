package io.dashcache.application.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HistoryRingTest {

    @Test
    void once_full_each_new_element_replaces_the_oldest() {
        HistoryRing<Integer> ring = new HistoryRing<>(3);
        for (int i = 1; i <= 7; i++) {
            ring.add(i);
        }

        assertThat(ring.toList()).containsExactly(5, 6, 7);
        assertThat(ring.size()).isEqualTo(ring.capacity());
    }

    @Test
    void before_it_is_full_it_holds_what_was_added_oldest_first() {
        HistoryRing<String> ring = new HistoryRing<>(4);
        ring.add("a");
        ring.add("b");

        assertThat(ring.toList()).containsExactly("a", "b");
    }

    @Test
    void a_ring_holds_at_least_one_element() {
        assertThatThrownBy(() -> new HistoryRing<>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
