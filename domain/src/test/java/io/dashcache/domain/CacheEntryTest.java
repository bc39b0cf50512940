package io.dashcache.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CacheEntryTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration FRESH = Duration.ofSeconds(300);
    private static final Duration GRACE = Duration.ofSeconds(75);
    private static final Duration NS = Duration.ofNanos(1);

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static CacheEntry loaded(String body) {
        return CacheEntry.loaded(json(body), NOW, FRESH, GRACE, 3);
    }

    @Test
    void a_loaded_entry_keeps_the_bytes_and_knows_its_times_tag_and_version() {
        CacheEntry entry = loaded("{\"a\":1}");

        assertThat(entry.payload()).isEqualTo(json("{\"a\":1}"));
        assertThat(entry.absent()).isFalse();
        assertThat(entry.etag()).isEqualTo(ETag.of(json("{\"a\":1}")));
        assertThat(entry.storedAt()).isEqualTo(NOW);
        assertThat(entry.freshUntil()).isEqualTo(NOW.plus(FRESH));
        assertThat(entry.staleUntil()).isEqualTo(NOW.plus(FRESH).plus(GRACE));
        assertThat(entry.scopeVersion()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // moment relative to NOW,    fresh, servable stale, expired
            "PT0S,                        true,  false, false",
            "PT299.999999999S,            true,  false, false",
            "PT300S,                      false, true,  false",
            "PT374.999999999S,            false, true,  false",
            "PT375S,                      false, false, true",
            "PT1000S,                     false, false, true",
            "PT-1S,                       true,  false, false"})
    void a_loaded_entry_is_fresh_then_servable_stale_then_expired(Duration sinceStored, boolean fresh,
                                                                  boolean servableStale, boolean expired) {
        CacheEntry entry = loaded("{}");
        Instant at = NOW.plus(sinceStored);

        assertThat(entry.isFresh(at)).isEqualTo(fresh);
        assertThat(entry.isServableStale(at)).isEqualTo(servableStale);
        assertThat(entry.isExpired(at)).isEqualTo(expired);
    }

    @Test
    void freshness_ends_exactly_at_fresh_until_and_the_grace_exactly_at_stale_until() {
        CacheEntry entry = loaded("{}");

        assertThat(entry.isFresh(entry.freshUntil().minus(NS))).isTrue();
        assertThat(entry.isFresh(entry.freshUntil())).isFalse();
        assertThat(entry.isServableStale(entry.freshUntil().minus(NS))).isFalse();
        assertThat(entry.isServableStale(entry.freshUntil())).isTrue();
        assertThat(entry.isServableStale(entry.staleUntil().minus(NS))).isTrue();
        assertThat(entry.isServableStale(entry.staleUntil())).isFalse();
        assertThat(entry.isExpired(entry.staleUntil().minus(NS))).isFalse();
        assertThat(entry.isExpired(entry.staleUntil())).isTrue();
    }

    @Test
    void without_grace_an_entry_goes_from_fresh_to_expired_and_is_never_servable_stale() {
        CacheEntry entry = CacheEntry.loaded(json("{}"), NOW, FRESH, Duration.ZERO, 0);

        assertThat(entry.isFresh(entry.freshUntil().minus(NS))).isTrue();
        assertThat(entry.isServableStale(entry.freshUntil())).isFalse();
        assertThat(entry.isExpired(entry.freshUntil())).isTrue();
    }

    @Test
    void an_absent_entry_has_no_bytes_a_fixed_tag_and_no_grace() {
        CacheEntry absent = CacheEntry.absent(NOW, Duration.ofSeconds(30), 7);

        assertThat(absent.absent()).isTrue();
        assertThat(absent.payload()).isEmpty();
        assertThat(absent.etag()).isEqualTo("\"absent\"");
        assertThat(absent.scopeVersion()).isEqualTo(7);
        assertThat(absent.freshUntil()).isEqualTo(NOW.plusSeconds(30)).isEqualTo(absent.staleUntil());
    }

    @Test
    void an_absent_entry_is_fresh_until_its_end_and_never_servable_stale() {
        CacheEntry absent = CacheEntry.absent(NOW, Duration.ofSeconds(30), 0);
        Instant end = NOW.plusSeconds(30);

        assertThat(absent.isFresh(end.minus(NS))).isTrue();
        assertThat(absent.isFresh(end)).isFalse();
        assertThat(absent.isExpired(end.minus(NS))).isFalse();
        assertThat(absent.isExpired(end)).isTrue();
        for (Instant at : new Instant[] {NOW, end.minus(NS), end, end.plusSeconds(1)}) {
            assertThat(absent.isServableStale(at)).isFalse();
        }
    }

    @Test
    void an_absent_entry_with_a_grace_period_is_still_never_servable_stale() {
        CacheEntry absent = new CacheEntry(new byte[0], true, "\"absent\"", NOW, NOW.plusSeconds(30),
                NOW.plusSeconds(60), 0);

        assertThat(absent.isServableStale(NOW.plusSeconds(45))).isFalse();
        assertThat(absent.isExpired(NOW.plusSeconds(45))).isFalse();
    }

    @Test
    void the_remaining_lifetime_runs_to_the_end_of_the_grace_period() {
        CacheEntry entry = loaded("{}");

        assertThat(entry.remainingLifetime(NOW)).isEqualTo(FRESH.plus(GRACE));
        assertThat(entry.remainingLifetime(NOW.plusSeconds(300))).isEqualTo(GRACE);
        assertThat(entry.remainingLifetime(entry.staleUntil())).isZero();
        assertThat(CacheEntry.absent(NOW, Duration.ofSeconds(30), 0).remainingLifetime(NOW))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void entries_are_equal_by_the_content_of_their_bytes_not_the_array() {
        CacheEntry one = loaded("{\"a\":1}");
        CacheEntry same = loaded("{\"a\":1}");

        assertThat(one.payload()).isNotSameAs(same.payload());
        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(CacheEntry.absent(NOW, FRESH, 1)).isEqualTo(CacheEntry.absent(NOW, FRESH, 1))
                .hasSameHashCodeAs(CacheEntry.absent(NOW, FRESH, 1));
    }

    @Test
    void entries_differing_in_any_component_are_not_equal() {
        CacheEntry base = loaded("{\"a\":1}");

        assertThat(base)
                .isNotEqualTo(loaded("{\"a\":2}"))
                .isNotEqualTo(CacheEntry.loaded(json("{\"a\":1}"), NOW, FRESH, GRACE, 4))
                .isNotEqualTo(CacheEntry.loaded(json("{\"a\":1}"), NOW.plus(NS), FRESH, GRACE, 3))
                .isNotEqualTo(CacheEntry.loaded(json("{\"a\":1}"), NOW, FRESH.plus(NS), GRACE, 3))
                .isNotEqualTo(CacheEntry.loaded(json("{\"a\":1}"), NOW, FRESH, GRACE.plus(NS), 3))
                .isNotEqualTo(new CacheEntry(base.payload(), false, "\"other\"", NOW, base.freshUntil(),
                        base.staleUntil(), 3))
                .isNotEqualTo(new CacheEntry(base.payload(), true, base.etag(), NOW, base.freshUntil(),
                        base.staleUntil(), 3))
                .isNotEqualTo(null)
                .isNotEqualTo("{\"a\":1}");
    }

    @Test
    void the_weight_is_the_payload_and_tag_plus_a_fixed_overhead() {
        CacheEntry entry = loaded("x".repeat(1000));

        assertThat(entry.sizeInBytes()).isEqualTo(1000 + entry.etag().length() + 64);
        assertThat(CacheEntry.absent(NOW, FRESH, 0).sizeInBytes()).isEqualTo("\"absent\"".length() + 64);
    }

    @Test
    void to_string_describes_the_entry_without_dumping_its_payload() {
        assertThat(loaded("{\"secret\":\"value\"}").toString())
                .startsWith("CacheEntry[18 bytes, etag=\"")
                .contains("scopeVersion=3")
                .doesNotContain("secret");
        assertThat(CacheEntry.absent(NOW, FRESH, 0).toString()).startsWith("CacheEntry[absent, etag=\"absent\"");
    }

    @Test
    void an_entry_needs_every_part() {
        byte[] body = json("{}");
        Instant later = NOW.plusSeconds(1);
        assertThatNullPointerException().isThrownBy(() -> new CacheEntry(null, false, "\"t\"", NOW, later, later, 0))
                .withMessage("payload");
        assertThatNullPointerException().isThrownBy(() -> new CacheEntry(body, false, null, NOW, later, later, 0))
                .withMessage("etag");
        assertThatNullPointerException().isThrownBy(() -> new CacheEntry(body, false, "\"t\"", null, later, later, 0))
                .withMessage("storedAt");
        assertThatNullPointerException().isThrownBy(() -> new CacheEntry(body, false, "\"t\"", NOW, null, later, 0))
                .withMessage("freshUntil");
        assertThatNullPointerException().isThrownBy(() -> new CacheEntry(body, false, "\"t\"", NOW, later, null, 0))
                .withMessage("staleUntil");
        assertThatNullPointerException().isThrownBy(() -> CacheEntry.loaded(null, NOW, FRESH, GRACE, 0));
    }

    @Test
    void the_times_must_run_stored_then_fresh_until_then_stale_until() {
        byte[] body = json("{}");
        assertThatThrownBy(() -> new CacheEntry(body, false, "\"t\"", NOW, NOW.minus(NS), NOW, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected storedAt <= freshUntil <= staleUntil");
        assertThatThrownBy(() -> new CacheEntry(body, false, "\"t\"", NOW, NOW.plusSeconds(2), NOW.plusSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheEntry.loaded(body, NOW, FRESH.negated(), GRACE, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheEntry.loaded(body, NOW, FRESH, GRACE.negated(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheEntry.absent(NOW, Duration.ofSeconds(-1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new CacheEntry(body, false, "\"t\"", NOW, NOW, NOW, 0).isExpired(NOW)).isTrue();
    }
}
