package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.application.port.out.time.TimeSource;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Period;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code DASHCACHE_L1_MAX_BYTES} holds whatever the keys look like: many distinct keys, sizes
 * skewed from a few bytes to more than the whole bound, from several threads, on the real
 * Caffeine tier with its real maintenance executor.
 */
class CaffeineLocalTierMemoryBoundTest {

    private static final long MAX_BYTES = 256 * 1024;
    private static final DataType[] PER_USER = {DataType.OVERVIEW, DataType.USER_PREFERENCES, DataType.RECENT_ACTIVITY,
            DataType.NOTIFICATIONS};

    private final TimeSource clock = TimeSource.system();
    private final CaffeineLocalTier l1 = new CaffeineLocalTier(MAX_BYTES, Duration.ofMinutes(5), clock);

    /** Mostly small, sometimes large, rarely larger than the whole bound (a Pareto-like tail). */
    private static int skewedSize(Random random) {
        double roll = random.nextDouble();
        if (roll < 0.80) {
            return 10 + random.nextInt(500);
        }
        if (roll < 0.98) {
            return 1_000 + random.nextInt(30_000);
        }
        return (int) (MAX_BYTES / 2 + random.nextInt((int) MAX_BYTES));
    }

    private static CacheKey anyKey(Random random, int i) {
        UserId user = UserId.of("u" + random.nextInt(5_000) + "-" + "x".repeat(random.nextInt(50)));
        return switch (i % 4) {
            case 0 -> CacheKey.widget(user, WidgetType.of("w" + random.nextInt(200) + "-" + "y".repeat(random.nextInt(50))));
            case 1 -> CacheKey.forUser(PER_USER[random.nextInt(PER_USER.length)], user);
            case 2 -> CacheKey.forPeriod(random.nextBoolean() ? DataType.ANALYTICS : DataType.AGGREGATED_ANALYTICS,
                    Period.values()[random.nextInt(Period.values().length)]);
            default -> CacheKey.widget(user, WidgetType.of("heatmap"));
        };
    }

    @Test
    void concurrent_writers_of_any_keys_and_sizes_leave_the_weight_and_the_widget_index_within_the_bound() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long seed = 1234L + t;
            done.add(writers.submit(() -> {
                Random random = new Random(seed);
                for (int i = 0; i < 5_000; i++) {
                    byte[] payload = new byte[skewedSize(random)];
                    l1.put(anyKey(random, i), CacheEntry.loaded(payload, clock.instant(), Duration.ofMinutes(5),
                            Duration.ofMinutes(1), 0));
                }
            }));
        }
        writers.shutdown();
        for (Future<?> each : done) {
            each.get(60, TimeUnit.SECONDS);
        }
        assertThat(writers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        l1.cleanUp();

        assertThat(l1.weightInBytes()).isPositive().isLessThanOrEqualTo(MAX_BYTES);
        assertThat(l1.size()).isPositive();
        // the widget index lives beside the bounded cache: it must shrink with it, not grow with the key
        // space (removal callbacks run on Caffeine's executor, hence the wait)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            l1.cleanUp();
            assertThat((long) l1.indexedWidgetScopes()).isLessThanOrEqualTo(l1.size());
        });
    }

    @Test
    void after_any_number_of_puts_and_its_maintenance_the_weight_is_within_the_bound() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            l1.put(anyKey(random, i), CacheEntry.loaded(new byte[skewedSize(random)], clock.instant(),
                    Duration.ofMinutes(5), Duration.ofMinutes(1), 0));
            if (i % 500 == 499) {
                l1.cleanUp();
                assertThat(l1.weightInBytes()).as("after %d puts", i + 1).isLessThanOrEqualTo(MAX_BYTES);
            }
        }
    }

    @Test
    void an_entry_larger_than_the_whole_bound_is_not_kept() {
        CacheKey huge = CacheKey.forUser(DataType.OVERVIEW, UserId.of("big"));
        l1.put(huge, CacheEntry.loaded(new byte[(int) MAX_BYTES * 2], clock.instant(), Duration.ofMinutes(5),
                Duration.ofMinutes(1), 0));

        l1.cleanUp();

        assertThat(l1.getIfPresent(huge)).isNull();
        assertThat(l1.weightInBytes()).isLessThanOrEqualTo(MAX_BYTES);
    }
}
