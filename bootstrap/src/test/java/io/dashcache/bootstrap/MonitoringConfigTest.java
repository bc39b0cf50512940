package io.dashcache.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.application.metrics.MetricsReportSettings;
import io.dashcache.domain.AlertThresholds;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code DASHCACHE_ALERT_*} and {@code DASHCACHE_METRICS_*} variables. */
class MonitoringConfigTest {

    @Test
    void with_nothing_set_the_specifications_thresholds_and_an_hour_of_history_apply() {
        DashcacheConfig config = ConfigLoader.load(Map.of());

        assertThat(config.alerts()).isEqualTo(AlertThresholds.defaults());
        assertThat(config.metricsReport()).isEqualTo(MetricsReportSettings.defaults());
        assertThat(config.metricsReport().historyCapacity()).isEqualTo(360);
    }

    @Test
    void every_threshold_and_report_setting_is_read() {
        DashcacheConfig config = ConfigLoader.load(Map.of(
                "DASHCACHE_ALERT_MIN_HIT_RATE", "0.9",
                "DASHCACHE_ALERT_MAX_P95_MS", "250",
                "DASHCACHE_ALERT_MAX_ERROR_RATE", "0.05",
                "DASHCACHE_ALERT_MIN_SAMPLES", "100",
                "DASHCACHE_ALERT_INVALIDATION_LAG_MS", "2500",
                "DASHCACHE_METRICS_WINDOW_SECONDS", "300",
                "DASHCACHE_METRICS_SNAPSHOT_SECONDS", "30",
                "DASHCACHE_METRICS_HISTORY_MINUTES", "120"));

        assertThat(config.alerts()).isEqualTo(new AlertThresholds(0.9, Duration.ofMillis(250), 0.05, 100,
                Duration.ofMillis(2500)));
        assertThat(config.metricsReport()).isEqualTo(new MetricsReportSettings(Duration.ofMinutes(5),
                Duration.ofSeconds(30), Duration.ofHours(2)));
    }

    @ParameterizedTest
    @CsvSource({
        "DASHCACHE_ALERT_MIN_HIT_RATE, 80%",
        "DASHCACHE_ALERT_MIN_HIT_RATE, 1.5",
        "DASHCACHE_ALERT_MIN_HIT_RATE, NaN",
        "DASHCACHE_ALERT_MAX_ERROR_RATE, -0.1",
        "DASHCACHE_ALERT_MAX_P95_MS, 0",
        "DASHCACHE_ALERT_MIN_SAMPLES, many",
        "DASHCACHE_ALERT_INVALIDATION_LAG_MS, 0",
        "DASHCACHE_ALERT_INVALIDATION_LAG_MS, 1s",
        "DASHCACHE_METRICS_WINDOW_SECONDS, 5",
        "DASHCACHE_METRICS_SNAPSHOT_SECONDS, 0",
        "DASHCACHE_METRICS_HISTORY_MINUTES, 2000"
    })
    void a_bad_value_fails_with_a_message_naming_the_variable(String variable, String value) {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(variable).hasMessageContaining(value);
    }

    @Test
    void a_history_of_too_many_points_is_refused_naming_both_variables() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("DASHCACHE_METRICS_HISTORY_MINUTES", "1440",
                "DASHCACHE_METRICS_SNAPSHOT_SECONDS", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DASHCACHE_METRICS_HISTORY_MINUTES").hasMessageContaining("DASHCACHE_METRICS_SNAPSHOT_SECONDS");
    }
}
