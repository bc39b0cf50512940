package io.dashcache.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PerformanceGradeTest {

    @ParameterizedTest(name = "{0} ms, {1} hits -> {2}")
    @CsvSource({
            "0,       1.0,   EXCELLENT",
            "49,      0.96,  EXCELLENT",
            "49.999,  0.951, EXCELLENT",
            "50,      0.96,  GOOD",
            "49,      0.95,  GOOD",
            "99,      0.86,  GOOD",
            "99.999,  0.851, GOOD",
            "100,     0.86,  ACCEPTABLE",
            "99,      0.85,  ACCEPTABLE",
            "10,      0.85,  ACCEPTABLE",
            "199,     0.71,  ACCEPTABLE",
            "200,     0.71,  POOR",
            "199,     0.70,  POOR",
            "0,       0.70,  POOR",
            "499,     0.51,  POOR",
            "499,     1.0,   POOR",
            "500,     0.51,  CRITICAL",
            "499,     0.50,  CRITICAL",
            "10,      0.40,  CRITICAL",
            "600,     0.99,  CRITICAL",
            "0,       0.0,   CRITICAL",
            "100000,  1.0,   CRITICAL"})
    void the_best_grade_whose_latency_bound_and_hit_floor_both_hold_wins(double millis, double hitRate,
                                                                        PerformanceGrade expected) {
        Duration latency = Duration.ofNanos(Math.round(millis * 1_000_000));

        assertThat(PerformanceGrade.of(latency, hitRate)).isEqualTo(expected);
    }

    @Test
    void a_hit_rate_computed_from_counts_at_a_floor_is_not_above_it() {
        assertThat(PerformanceGrade.of(Duration.ofMillis(1), 95 / 100.0)).isEqualTo(PerformanceGrade.GOOD);
        assertThat(PerformanceGrade.of(Duration.ofMillis(1), 951 / 1000.0)).isEqualTo(PerformanceGrade.EXCELLENT);
    }

    @Test
    void one_nanosecond_under_a_bound_is_under_it() {
        assertThat(PerformanceGrade.of(Duration.ofMillis(50).minusNanos(1), 1.0)).isEqualTo(PerformanceGrade.EXCELLENT);
        assertThat(PerformanceGrade.of(Duration.ofMillis(50), 1.0)).isEqualTo(PerformanceGrade.GOOD);
    }

    @Test
    void a_huge_latency_is_critical_not_an_overflow() {
        assertThat(PerformanceGrade.of(Duration.ofDays(365 * 100), 1.0)).isEqualTo(PerformanceGrade.CRITICAL);
    }

    @Test
    void a_negative_or_missing_latency_is_refused() {
        assertThatThrownBy(() -> PerformanceGrade.of(Duration.ofNanos(-1), 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("latency must be zero or positive");
        assertThatThrownBy(() -> PerformanceGrade.of(null, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.0001, -1, 1.0001, 100, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void a_hit_rate_outside_zero_to_one_or_nan_is_refused(double hitRate) {
        assertThatThrownBy(() -> PerformanceGrade.of(Duration.ofMillis(10), hitRate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hit rate must be from 0 to 1, got ");
    }

    @ParameterizedTest
    @EnumSource(PerformanceGrade.class)
    void a_grade_is_labelled_in_lower_case(PerformanceGrade grade) {
        assertThat(grade.label()).isEqualTo(grade.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void the_labels_are_the_words_of_the_rule() {
        assertThat(PerformanceGrade.values()).extracting(PerformanceGrade::label)
                .containsExactly("excellent", "good", "acceptable", "poor", "critical");
    }
}
