package io.dashcache.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CacheOutcomeTest {

    @ParameterizedTest
    @CsvSource({"L1_HIT, true", "L2_HIT, true", "STALE, true", "MISS, false"})
    void every_answer_from_a_tier_is_a_hit_and_only_a_load_is_a_miss(CacheOutcome outcome, boolean hit) {
        assertThat(outcome.isHit()).isEqualTo(hit);
    }
}
