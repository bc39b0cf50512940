package io.dashcache.application.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.domain.CacheEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RefreshAheadTest {

    private static final Instant LOADED = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(300);

    private static CacheEntry entry(Duration loadDuration) {
        return CacheEntry.loaded(new byte[] {'{', '}'}, LOADED, TTL, Duration.ofSeconds(75), 0, loadDuration);
    }

    private static RandomGenerator seeded(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** The fraction of reads at {@code beforeExpiry} that ask for a refresh, over many seeded draws. */
    private static double refreshRate(RefreshAhead rule, CacheEntry entry, Duration beforeExpiry) {
        Instant at = entry.freshUntil().minus(beforeExpiry);
        int refreshes = 0;
        for (int i = 0; i < 20_000; i++) {
            if (rule.shouldRefresh(entry, at)) {
                refreshes++;
            }
        }
        return refreshes / 20_000.0;
    }

    @Test
    void the_chance_of_an_early_refresh_is_e_to_the_minus_gap_over_delta_times_beta() {
        RefreshAhead rule = new RefreshAhead(1.0, seeded(7));
        CacheEntry entry = entry(Duration.ofSeconds(2));

        assertThat(refreshRate(rule, entry, Duration.ofSeconds(2))).isCloseTo(Math.exp(-1), within());
        assertThat(refreshRate(rule, entry, Duration.ofSeconds(4))).isCloseTo(Math.exp(-2), within());
        assertThat(refreshRate(rule, entry, Duration.ofMillis(200))).isCloseTo(Math.exp(-0.1), within());
    }

    @Test
    void a_larger_beta_refreshes_earlier() {
        RefreshAhead eager = new RefreshAhead(2.0, seeded(7));

        assertThat(refreshRate(eager, entry(Duration.ofSeconds(2)), Duration.ofSeconds(4))).isCloseTo(Math.exp(-1), within());
    }

    @Test
    void far_from_expiry_a_fast_load_is_never_refreshed_early() {
        RefreshAhead rule = new RefreshAhead(1.0, seeded(7));

        assertThat(refreshRate(rule, entry(Duration.ofMillis(20)), Duration.ofSeconds(60))).isZero();
    }

    @Test
    void further_from_expiry_than_its_reach_no_random_number_is_drawn() {
        RandomGenerator counting = new RandomGenerator() {
            int draws;

            @Override
            public long nextLong() {
                draws++;
                return 42;
            }

            @Override
            public String toString() {
                return String.valueOf(draws);
            }
        };
        RefreshAhead rule = new RefreshAhead(1.0, counting);
        CacheEntry entry = entry(Duration.ofSeconds(2));
        long reach = (long) (2_000 * RefreshAhead.REACH);

        assertThat(rule.shouldRefresh(entry, entry.freshUntil().minusMillis(reach + 1))).isFalse();
        assertThat(counting).as("draws far from the expiry").hasToString("0");
        // inside the reach the draw is made (this one, close to 1, says not yet)
        assertThat(rule.shouldRefresh(entry, entry.freshUntil().minusMillis(reach - 1))).isFalse();
        assertThat(counting).as("draws inside the reach").hasToString("1");
    }

    @Test
    void the_same_seed_makes_the_same_decisions() {
        CacheEntry entry = entry(Duration.ofSeconds(2));
        Instant at = entry.freshUntil().minusSeconds(2);
        RefreshAhead one = new RefreshAhead(1.0, seeded(42));
        RefreshAhead two = new RefreshAhead(1.0, seeded(42));

        for (int i = 0; i < 1000; i++) {
            assertThat(one.shouldRefresh(entry, at)).as("draw %d", i).isEqualTo(two.shouldRefresh(entry, at));
        }
    }

    @Test
    void an_entry_without_a_load_duration_an_absent_one_or_a_stale_one_is_never_refreshed_early() {
        RefreshAhead rule = new RefreshAhead(1.0, seeded(7));
        CacheEntry unknown = entry(Duration.ZERO);
        CacheEntry absent = CacheEntry.absent(LOADED, Duration.ofSeconds(30), 0);

        assertThat(refreshRate(rule, unknown, Duration.ofMillis(1))).isZero();
        assertThat(rule.shouldRefresh(absent, absent.freshUntil().minusMillis(1))).isFalse();
        assertThat(rule.shouldRefresh(entry(Duration.ofSeconds(2)), LOADED.plus(TTL))).isFalse();
    }

    @Test
    void beta_zero_turns_it_off() {
        assertThat(RefreshAhead.OFF.enabled()).isFalse();
        assertThat(refreshRate(RefreshAhead.OFF, entry(Duration.ofSeconds(10)), Duration.ofMillis(1))).isZero();
        assertThatThrownBy(() -> new RefreshAhead(-1, seeded(7)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Offset<Double> within() {
        return Offset.offset(0.015);
    }
}
