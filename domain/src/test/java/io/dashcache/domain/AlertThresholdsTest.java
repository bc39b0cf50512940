package io.dashcache.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlertThresholdsTest {

    private final AlertThresholds defaults = AlertThresholds.defaults();

    @Test
    void the_defaults_follow_the_specification() {
        assertThat(defaults.minHitRate()).isEqualTo(0.80);
        assertThat(defaults.maxP95()).isEqualTo(Duration.ofMillis(100));
        assertThat(defaults.maxErrorRate()).isEqualTo(0.01);
        assertThat(defaults.minSamples()).isEqualTo(20);
    }

    @Test
    void nothing_is_judged_on_fewer_reads_than_the_minimum() {
        assertThat(defaults.hitRateTooLow(19, 0.0)).isFalse();
        assertThat(defaults.latencyTooHigh(19, Duration.ofSeconds(5))).isFalse();
        assertThat(defaults.errorRateTooHigh(19, 1.0)).isFalse();
    }

    @Test
    void each_threshold_is_crossed_only_beyond_its_value() {
        assertThat(defaults.hitRateTooLow(20, 0.80)).isFalse();
        assertThat(defaults.hitRateTooLow(20, 0.79)).isTrue();
        assertThat(defaults.latencyTooHigh(20, Duration.ofMillis(100))).isFalse();
        assertThat(defaults.latencyTooHigh(20, Duration.ofMillis(101))).isTrue();
        assertThat(defaults.errorRateTooHigh(20, 0.01)).isFalse();
        assertThat(defaults.errorRateTooHigh(20, 0.02)).isTrue();
    }

    @Test
    void impossible_thresholds_are_refused() {
        assertThatThrownBy(() -> new AlertThresholds(1.5, Duration.ofMillis(100), 0.01, 20))
                .hasMessageContaining("hit rate");
        assertThatThrownBy(() -> new AlertThresholds(0.8, Duration.ZERO, 0.01, 20)).hasMessageContaining("p95");
        assertThatThrownBy(() -> new AlertThresholds(0.8, Duration.ofMillis(100), -0.1, 20))
                .hasMessageContaining("error rate");
        assertThatThrownBy(() -> new AlertThresholds(0.8, Duration.ofMillis(100), 0.01, 0))
                .hasMessageContaining("sample");
    }

    @Test
    void a_degraded_dependency_maps_to_its_alert() {
        assertThat(AlertKind.forDegradedDependency("redis")).isEqualTo(AlertKind.REDIS_DEGRADED);
        assertThat(AlertKind.forDegradedDependency("engine")).isEqualTo(AlertKind.ENGINE_DEGRADED);
        assertThat(AlertKind.forDegradedDependency("ldap")).isEqualTo(AlertKind.DEPENDENCY_DEGRADED);
    }
}
