package io.dashcache.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.adapters.http.in.ChangeStreamSettings;
import io.dashcache.application.changefeed.ChangeFeedSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The knobs of {@code GET /api/dashboard/changes}: {@code DASHCACHE_SSE_*}. */
class ChangeStreamConfigTest {

    @Test
    void with_nothing_set_the_documented_defaults_apply() {
        ChangeStreamConfig config = ConfigLoader.load(Map.of()).changeStream();

        assertThat(config).isEqualTo(new ChangeStreamConfig(1000, 5, Duration.ofSeconds(15), 256, Duration.ofSeconds(5),
                1000, Duration.ofMinutes(10), Duration.ofMillis(50)));
        assertThat(config.feedSettings()).isEqualTo(ChangeFeedSettings.defaults());
        assertThat(config.streamSettings()).isEqualTo(ChangeStreamSettings.defaults());
    }

    @Test
    void every_knob_is_read() {
        ChangeStreamConfig config = ConfigLoader.load(Map.of(
                "DASHCACHE_SSE_MAX_STREAMS", "50",
                "DASHCACHE_SSE_MAX_PER_USER", "2",
                "DASHCACHE_SSE_HEARTBEAT_MS", "250",
                "DASHCACHE_SSE_QUEUE_SIZE", "64",
                "DASHCACHE_SSE_WRITE_TIMEOUT_MS", "1500",
                "DASHCACHE_SSE_REPLAY_SIZE", "0",
                "DASHCACHE_SSE_REPLAY_SECONDS", "30",
                "DASHCACHE_SSE_FRESH_WAIT_MS", "0")).changeStream();

        assertThat(config.freshWait()).isZero();
        assertThat(config.feedSettings()).isEqualTo(new ChangeFeedSettings(50, 2, 0, Duration.ofSeconds(30)));
        assertThat(config.streamSettings()).isEqualTo(new ChangeStreamSettings(Duration.ofMillis(250), 64,
                Duration.ofMillis(1500), ChangeStreamSettings.DEFAULT_WRITER_THREADS));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "DASHCACHE_SSE_MAX_STREAMS, 0",
            "DASHCACHE_SSE_MAX_STREAMS, many",
            "DASHCACHE_SSE_MAX_PER_USER, 0",
            "DASHCACHE_SSE_HEARTBEAT_MS, 5",
            "DASHCACHE_SSE_HEARTBEAT_MS, 15s",
            "DASHCACHE_SSE_QUEUE_SIZE, 31",
            "DASHCACHE_SSE_WRITE_TIMEOUT_MS, 9",
            "DASHCACHE_SSE_REPLAY_SIZE, -1",
            "DASHCACHE_SSE_REPLAY_SECONDS, 86401",
            "DASHCACHE_SSE_FRESH_WAIT_MS, 1001",
            "DASHCACHE_SSE_FRESH_WAIT_MS, -1"})
    void a_bad_value_is_refused_with_one_line_naming_the_variable(String variable, String value) {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(variable + " must be")
                .hasMessageContaining("'" + value + "'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void a_per_user_cap_above_the_instance_cap_is_refused() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("DASHCACHE_SSE_MAX_STREAMS", "3",
                "DASHCACHE_SSE_MAX_PER_USER", "4")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("DASHCACHE_SSE_MAX_PER_USER must be at most DASHCACHE_SSE_MAX_STREAMS (3), got '4'");
    }
}
