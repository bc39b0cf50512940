package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.application.port.out.reading.LocalCacheTier;
import io.dashcache.application.port.out.reading.LocalCacheTierContract;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CaffeineLocalTierTest extends LocalCacheTierContract {

    private static final Duration MAX_L1_TTL = Duration.ofSeconds(30);

    private final FakeTime time = new FakeTime(Instant.parse("2026-11-25T10:00:00Z"));
    private CaffeineLocalTier caffeine;

    @Override
    protected LocalCacheTier newTier() {
        caffeine = tier(1 << 20);
        return caffeine;
    }

    private CaffeineLocalTier tier(long maxBytes) {
        return new CaffeineLocalTier(maxBytes, MAX_L1_TTL, time, Runnable::run);
    }

    @Override
    protected Instant now() {
        return time.instant();
    }

    @Override
    protected void settle() {
        caffeine.cleanUp();
    }

    private CacheEntry entryLiving(Duration fresh, Duration grace) {
        return CacheEntry.loaded("{\"x\":1}".getBytes(), time.instant(), fresh, grace, 0);
    }

    @Test
    void the_total_weight_stays_under_the_bound_when_far_more_is_put_than_fits() {
        long maxBytes = 64 * 1024;
        CaffeineLocalTier small = tier(maxBytes);
        byte[] kilobyte = new byte[1024];
        Arrays.fill(kilobyte, (byte) 'x');

        for (int i = 0; i < 1000; i++) {
            small.put(CacheKey.forUser(DataType.OVERVIEW, UserId.of("user" + i)),
                    CacheEntry.loaded(kilobyte, time.instant(), Duration.ofMinutes(5), Duration.ofMinutes(1), 0));
        }
        small.cleanUp();

        assertThat(small.weightInBytes()).isPositive().isLessThanOrEqualTo(maxBytes);
        assertThat(small.size()).isBetween(1L, 64L);
    }

    @Test
    void an_entry_lives_the_l1_ttl_when_its_grace_ends_later() {
        CaffeineLocalTier l1 = tier(1 << 20);
        l1.put(ALICE_OVERVIEW, entryLiving(Duration.ofMinutes(5), Duration.ofMinutes(1)));

        time.advance(MAX_L1_TTL.minusMillis(1));
        assertThat(l1.getIfPresent(ALICE_OVERVIEW)).isNotNull();

        time.advance(Duration.ofMillis(1));
        assertThat(l1.getIfPresent(ALICE_OVERVIEW)).isNull();
    }

    @Test
    void an_entry_never_outlives_its_stale_until() {
        CaffeineLocalTier l1 = tier(1 << 20);
        CacheEntry shortLived = entryLiving(Duration.ofSeconds(5), Duration.ofSeconds(5));
        l1.put(ALICE_OVERVIEW, shortLived);

        time.advance(Duration.ofSeconds(10).minusMillis(1));
        assertThat(l1.getIfPresent(ALICE_OVERVIEW)).isEqualTo(shortLived);

        time.advance(Duration.ofMillis(1));
        assertThat(l1.getIfPresent(ALICE_OVERVIEW)).isNull();
    }

    @Test
    void read_at_the_callers_time_an_entry_is_refused_from_the_end_of_its_grace() {
        CaffeineLocalTier l1 = tier(1 << 20);
        CacheEntry shortLived = entryLiving(Duration.ofSeconds(5), Duration.ofSeconds(5));
        l1.put(ALICE_OVERVIEW, shortLived);

        assertThat(l1.getIfPresent(ALICE_OVERVIEW, shortLived.staleUntilMillis() - 1)).isEqualTo(shortLived);
        assertThat(l1.getIfPresent(ALICE_OVERVIEW, shortLived.staleUntilMillis())).isNull();
    }

    @Test
    void an_entry_already_past_its_stale_until_is_never_served() {
        CaffeineLocalTier l1 = tier(1 << 20);
        CacheEntry old = entryLiving(Duration.ofSeconds(1), Duration.ofSeconds(1));
        time.advance(Duration.ofSeconds(3));

        l1.put(ALICE_OVERVIEW, old);

        assertThat(l1.getIfPresent(ALICE_OVERVIEW)).isNull();
    }

    @Test
    void a_replaced_entry_gets_the_lifetime_of_the_new_one() {
        CaffeineLocalTier l1 = tier(1 << 20);
        l1.put(ALICE_OVERVIEW, entryLiving(Duration.ofMinutes(5), Duration.ofMinutes(1)));
        time.advance(Duration.ofSeconds(20));
        CacheEntry replacement = entryLiving(Duration.ofMinutes(5), Duration.ofMinutes(1));

        l1.put(ALICE_OVERVIEW, replacement);
        time.advance(Duration.ofSeconds(20));

        assertThat(l1.getIfPresent(ALICE_OVERVIEW)).isEqualTo(replacement);
    }

    @Test
    void the_widget_index_forgets_widgets_that_left_the_cache() {
        CaffeineLocalTier l1 = tier(1 << 20);
        CacheKey heatmap = CacheKey.widget(UserId.of("carol"), WidgetType.of("heatmap"));
        CacheKey expiring = CacheKey.widget(UserId.of("dave"), WidgetType.of("heatmap"));
        l1.put(heatmap, entryLiving(Duration.ofMinutes(5), Duration.ofMinutes(1)));
        l1.put(expiring, entryLiving(Duration.ofMinutes(5), Duration.ofMinutes(1)));
        assertThat(l1.indexedWidgetScopes()).isEqualTo(2);

        l1.remove(heatmap);
        time.advance(MAX_L1_TTL);
        l1.cleanUp();

        assertThat(l1.indexedWidgetScopes()).isZero();
    }

    @Test
    void invalidating_a_users_widgets_empties_their_index_entry() {
        CaffeineLocalTier l1 = tier(1 << 20);
        l1.put(ALICE_HEATMAP, entryLiving(Duration.ofMinutes(5), Duration.ofMinutes(1)));
        l1.put(ALICE_CAMERAS, entryLiving(Duration.ofMinutes(5), Duration.ofMinutes(1)));

        l1.invalidate(List.of(ALICE_HEATMAP.scope()));

        assertThat(l1.indexedWidgetScopes()).isZero();
    }

    @Test
    void a_late_removal_callback_does_not_unindex_a_widget_put_again_meanwhile() {
        Queue<Runnable> deferred = new ArrayDeque<>();
        CaffeineLocalTier l1 = new CaffeineLocalTier(1 << 20, MAX_L1_TTL, time, deferred::add);
        CacheEntry entry = entryLiving(Duration.ofMinutes(5), Duration.ofMinutes(1));
        l1.put(ALICE_HEATMAP, entry);
        l1.remove(ALICE_HEATMAP);
        l1.put(ALICE_HEATMAP, entry);

        while (!deferred.isEmpty()) {
            deferred.poll().run();
        }
        l1.invalidate(List.of(ALICE_HEATMAP.scope()));

        assertThat(l1.getIfPresent(ALICE_HEATMAP)).isNull();
    }

    @Test
    void after_racing_puts_removes_and_invalidations_a_scope_invalidation_still_drops_every_widget() throws Exception {
        // the production executor: removal callbacks run late, on other threads
        CaffeineLocalTier l1 = new CaffeineLocalTier(1 << 20, MAX_L1_TTL, time);
        List<CacheKey> widgets = List.of(ALICE_HEATMAP, ALICE_CAMERAS, CacheKey.widget(ALICE, WidgetType.of("map")));
        CacheEntry entry = entryLiving(Duration.ofMinutes(5), Duration.ofMinutes(1));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> racers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                racers.add(threads.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        CacheKey key = widgets.get((i + seed) % widgets.size());
                        switch ((i * 7 + seed) % 3) {
                            case 0 -> l1.put(key, entry);
                            case 1 -> l1.remove(key);
                            default -> l1.invalidate(List.of(key.scope()));
                        }
                    }
                    widgets.forEach(key -> l1.put(key, entry));
                }));
            }
            for (Future<?> racer : racers) {
                racer.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        l1.invalidate(List.of(ALICE_HEATMAP.scope()));

        assertThat(widgets).allSatisfy(key -> assertThat(l1.getIfPresent(key)).as(key.toString()).isNull());
    }

    @Test
    void hits_and_misses_are_recorded_in_the_native_statistics() {
        CaffeineLocalTier l1 = tier(1 << 20);
        l1.put(ALICE_OVERVIEW, entryLiving(Duration.ofMinutes(5), Duration.ofMinutes(1)));

        l1.getIfPresent(ALICE_OVERVIEW);
        l1.getIfPresent(BOB_OVERVIEW);

        assertThat(l1.nativeCache().stats().hitCount()).isEqualTo(1);
        assertThat(l1.nativeCache().stats().missCount()).isEqualTo(1);
    }

    @Test
    void an_entry_weighs_its_payload_and_an_estimate_of_its_key() {
        CacheEntry entry = entryLiving(Duration.ofMinutes(5), Duration.ofMinutes(1));

        int weight = CaffeineLocalTier.weigh(ALICE_HEATMAP, entry);

        assertThat(weight).isEqualTo(entry.sizeInBytes() + CaffeineLocalTier.KEY_OVERHEAD_BYTES
                + "alice".length() + "heatmap".length());
    }

    @Test
    void a_size_below_one_byte_or_a_ttl_that_is_not_positive_is_refused() {
        assertThatThrownBy(() -> new CaffeineLocalTier(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DASHCACHE_L1_MAX_BYTES");
        assertThatThrownBy(() -> new CaffeineLocalTier(1024, Duration.ZERO, time))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxL1Ttl");
    }
}
