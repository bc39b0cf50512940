package io.dashcache.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.application.engine.ReadPathSettings;
import io.dashcache.application.warming.WarmerSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The knobs of the read path's guards and of the cache warmer. */
class ReadPathAndWarmingConfigTest {

    @Test
    void with_nothing_set_the_documented_defaults_apply() {
        DashcacheConfig config = ConfigLoader.load(Map.of());

        assertThat(config.readPath()).isEqualTo(new ReadPathConfig(1_048_576, Duration.ofMillis(2500), 1.0));
        assertThat(config.warming()).isEqualTo(new WarmingConfig(Duration.ofSeconds(60), 4, 200, 100, 10_000, true, 0));
        assertThat(config.warming().settings()).isEqualTo(WarmerSettings.defaults());
    }

    @Test
    void the_lease_lives_a_little_longer_than_the_engine_may_take_unless_set() {
        assertThat(ConfigLoader.load(Map.of("DASHCACHE_ENGINE_TIMEOUT_MS", "800")).readPath().leaseTtl())
                .isEqualTo(Duration.ofMillis(1300));
        assertThat(ConfigLoader.load(Map.of("DASHCACHE_LEASE_TTL_MS", "750")).readPath().leaseTtl())
                .isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void every_knob_is_read() {
        DashcacheConfig config = ConfigLoader.load(Map.of(
                "DASHCACHE_MAX_VALUE_BYTES", "4096",
                "DASHCACHE_LEASE_TTL_MS", "3000",
                "DASHCACHE_REFRESH_AHEAD_BETA", "2.5",
                "DASHCACHE_WARM_INTERVAL_SECONDS", "0",
                "DASHCACHE_WARM_CONCURRENCY", "2",
                "DASHCACHE_WARM_RATE", "50",
                "DASHCACHE_WARM_HOTTEST", "1000",
                "DASHCACHE_WARM_QUEUE_CAPACITY", "500",
                "DASHCACHE_WARM_ON_FIRST_READ", "false",
                "DASHCACHE_REFRESH_ON_INVALIDATION_PER_SECOND", "250"));

        assertThat(config.readPath()).isEqualTo(new ReadPathConfig(4096, Duration.ofSeconds(3), 2.5));
        assertThat(config.warming()).isEqualTo(new WarmingConfig(Duration.ZERO, 2, 50, 1000, 500, false, 250));
        ReadPathSettings settings = config.readPath().settings(Duration.ofSeconds(2));
        assertThat(settings.maxValueBytes()).isEqualTo(4096);
        assertThat(settings.leaseTtl()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.leaseWait()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.maxWaitForLoad()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void the_compression_threshold_is_read_and_defaults_to_16_kib() {
        assertThat(ConfigLoader.load(Map.of()).readPath().compressAboveBytes()).isEqualTo(16 * 1024);
        assertThat(ConfigLoader.load(Map.of("DASHCACHE_COMPRESS_ABOVE_BYTES", "8192")).readPath().compressAboveBytes())
                .isEqualTo(8192);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "DASHCACHE_MAX_VALUE_BYTES, 1023",
            "DASHCACHE_COMPRESS_ABOVE_BYTES, -1",
            "DASHCACHE_COMPRESS_ABOVE_BYTES, 16KiB",
            "DASHCACHE_MAX_VALUE_BYTES, 1MB",
            "DASHCACHE_LEASE_TTL_MS, 99",
            "DASHCACHE_REFRESH_AHEAD_BETA, -1",
            "DASHCACHE_REFRESH_AHEAD_BETA, NaN",
            "DASHCACHE_REFRESH_AHEAD_BETA, lots",
            "DASHCACHE_WARM_INTERVAL_SECONDS, -5",
            "DASHCACHE_WARM_CONCURRENCY, 0",
            "DASHCACHE_WARM_CONCURRENCY, 65",
            "DASHCACHE_WARM_RATE, 0",
            "DASHCACHE_WARM_HOTTEST, 1001",
            "DASHCACHE_WARM_QUEUE_CAPACITY, 0",
            "DASHCACHE_WARM_ON_FIRST_READ, yes",
            "DASHCACHE_REFRESH_ON_INVALIDATION_PER_SECOND, -1",
            "DASHCACHE_REFRESH_ON_INVALIDATION_PER_SECOND, 100001"})
    void a_bad_value_is_refused_with_one_line_naming_the_variable(String variable, String value) {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(variable + " must be")
                .hasMessageContaining("'" + value + "'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
