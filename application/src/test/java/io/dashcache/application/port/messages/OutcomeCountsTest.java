package io.dashcache.application.port.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dashcache.domain.CacheOutcome;
import org.junit.jupiter.api.Test;

class OutcomeCountsTest {

    @Test
    void stale_answers_are_hits_and_failed_reads_count_against_the_hit_rate() {
        OutcomeCounts counts = new OutcomeCounts(60, 20, 10, 5, 5);

        assertThat(counts.total()).isEqualTo(100);
        assertThat(counts.hits()).isEqualTo(85);
        assertThat(counts.hitRate()).isCloseTo(0.85, within(1e-9));
        assertThat(counts.errorRate()).isCloseTo(0.05, within(1e-9));
        assertThat(counts.of(CacheOutcome.STALE)).isEqualTo(5);
    }

    @Test
    void no_reads_have_no_rates() {
        assertThat(OutcomeCounts.ZERO.hitRate()).isNaN();
        assertThat(OutcomeCounts.ZERO.errorRate()).isNaN();
    }

    @Test
    void a_difference_never_goes_negative() {
        OutcomeCounts later = new OutcomeCounts(10, 0, 3, 0, 1);
        OutcomeCounts earlier = new OutcomeCounts(4, 2, 3, 0, 0);

        assertThat(later.minus(earlier)).isEqualTo(new OutcomeCounts(6, 0, 0, 0, 1));
        assertThat(later.minus(earlier).plus(earlier)).isEqualTo(new OutcomeCounts(10, 2, 3, 0, 1));
    }
}
