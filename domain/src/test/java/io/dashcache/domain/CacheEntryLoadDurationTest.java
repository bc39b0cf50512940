package io.dashcache.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link CacheEntry#loadDuration()}: what refresh-ahead needs to know about an entry's cost. */
class CacheEntryLoadDurationTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final byte[] BODY = {'{', '}'};

    @Test
    void a_loaded_entry_keeps_its_load_duration_to_the_millisecond() {
        CacheEntry entry = CacheEntry.loaded(BODY, NOW, Duration.ofSeconds(60), Duration.ofSeconds(15), 0,
                Duration.ofNanos(212_987_654));

        assertThat(entry.loadDuration()).isEqualTo(Duration.ofMillis(212));
    }

    @Test
    void entries_built_without_one_have_a_zero_load_duration() {
        assertThat(CacheEntry.loaded(BODY, NOW, Duration.ofSeconds(60), Duration.ofSeconds(15), 0).loadDuration())
                .isZero();
        assertThat(CacheEntry.absent(NOW, Duration.ofSeconds(30), 0).loadDuration()).isZero();
        assertThat(new CacheEntry(BODY, false, "\"t\"", NOW, NOW, NOW, 0).loadDuration()).isZero();
    }

    @Test
    void entries_differing_only_in_load_duration_are_not_equal() {
        CacheEntry fast = CacheEntry.loaded(BODY, NOW, Duration.ofSeconds(60), Duration.ofSeconds(15), 0,
                Duration.ofMillis(5));
        CacheEntry slow = CacheEntry.loaded(BODY, NOW, Duration.ofSeconds(60), Duration.ofSeconds(15), 0,
                Duration.ofMillis(500));

        assertThat(fast).isNotEqualTo(slow);
        assertThat(fast.toString()).contains("loadDuration=5 ms");
    }

    @Test
    void a_negative_or_missing_load_duration_is_refused() {
        assertThatThrownBy(() -> CacheEntry.loaded(BODY, NOW, Duration.ofSeconds(1), Duration.ZERO, 0,
                Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CacheEntry(BODY, false, "\"t\"", NOW, NOW, NOW, 0, null))
                .isInstanceOf(NullPointerException.class);
    }
}
