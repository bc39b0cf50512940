package io.dashcache.application.warming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dashcache.application.engine.LocalFillGuard;
import io.dashcache.application.engine.ReadPathSettings;
import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.application.port.in.warming.ReadHotKeys;
import io.dashcache.application.port.in.warming.WarmCache.Receipt;
import io.dashcache.application.port.in.warming.WarmCache.Stats;
import io.dashcache.application.port.in.warming.WarmRequest;
import io.dashcache.application.port.messages.WarmKind;
import io.dashcache.application.port.messages.WarmOutcome;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.reading.DashboardSource;
import io.dashcache.application.port.out.reading.LoadLeases;
import io.dashcache.application.port.out.reading.SourceAnswer;
import io.dashcache.application.port.out.reading.SourceUnavailableException;
import io.dashcache.application.reading.TieredDashboardReader;
import io.dashcache.application.reading.WarmingDashboardReader;
import io.dashcache.application.testing.DashboardReaders;
import io.dashcache.application.testing.InMemoryLocalTier;
import io.dashcache.application.testing.InMemorySharedTier;
import io.dashcache.application.testing.MutableClock;
import io.dashcache.application.testing.ScriptedSource;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.domain.InvalidInputException;
import io.dashcache.domain.Period;
import io.dashcache.domain.TtlPolicy;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CacheWarmerTest {

    private static final UserId USER_42 = UserId.of("42");
    private static final CacheKey OVERVIEW_42 = CacheKey.forUser(DataType.OVERVIEW, USER_42);
    private static final ThreadFactory DAEMONS = runnable -> {
        Thread thread = new Thread(runnable, "warm-test");
        thread.setDaemon(true);
        return thread;
    };

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    private final InMemoryLocalTier l1 = new InMemoryLocalTier();
    private final InMemorySharedTier l2 = new InMemorySharedTier();
    private final ScriptedSource engine = new ScriptedSource();
    private final TtlPolicy ttls = TtlPolicy.defaults().withJitter(0);
    private final MetricsProbe metrics = new MetricsProbe();
    private final List<CacheWarmer> warmers = new ArrayList<>();

    @AfterEach
    void stopWarmers() {
        warmers.forEach(CacheWarmer::close);
    }

    /** Records what the warmer reports. */
    private static final class MetricsProbe implements CacheMetrics {
        final Map<WarmKind, Map<WarmOutcome, AtomicInteger>> warms = new ConcurrentHashMap<>();
        volatile IntSupplier queueLength;

        @Override
        public void recordWarm(WarmKind kind, WarmOutcome outcome) {
            warms.computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void watchWarmQueue(IntSupplier length) {
            queueLength = length;
        }

        int count(WarmKind kind, WarmOutcome outcome) {
            return warms.getOrDefault(kind, Map.of()).getOrDefault(outcome, new AtomicInteger()).get();
        }
    }

    private TieredDashboardReader reader(DashboardSource source) {
        return DashboardReaders.of(l1, l2, LoadLeases.UNSHARED, source, ttls, new LocalFillGuard(),
                CacheMetrics.NONE, clock, Runnable::run, RandomGeneratorFactory.of("L64X128MixRandom").create(1L),
                ReadPathSettings.defaults(Duration.ofSeconds(5)));
    }

    private CacheWarmer warmer(KeyWarmer loader, WarmerSettings settings) {
        CacheWarmer warmer = new CacheWarmer(loader, settings, metrics, clock);
        warmers.add(warmer);
        return warmer;
    }

    private static WarmerSettings settings(int concurrency, double rate, int capacity) {
        return new WarmerSettings(concurrency, rate, capacity, 100, Duration.ofSeconds(60), true);
    }

    private static void awaitIdle(CacheWarmer warmer, long tasksEnded) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Stats stats = warmer.stats();
            return stats.idle()
                    && stats.warmed() + stats.alreadyFresh() + stats.loadingElsewhere() + stats.failed() >= tasksEnded;
        });
    }

    @Test
    void warming_ten_thousand_keys_never_runs_more_loads_at_once_than_its_limit() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger highWater = new AtomicInteger();
        DashboardSource slowEngine = key -> {
            int now = running.incrementAndGet();
            highWater.accumulateAndGet(now, Math::max);
            LockSupport.parkNanos(100_000);
            running.decrementAndGet();
            return SourceAnswer.found(ScriptedSource.json("{}"));
        };
        CacheWarmer warmer = warmer(reader(slowEngine), settings(4, 1_000_000, 10_000));
        for (int user = 0; user < 10_000; user++) {
            Receipt receipt = warmer.warm(new WarmRequest.OneKey(CacheKey.forUser(DataType.OVERVIEW, UserId.of("u" + user))));
            assertThat(receipt.queued()).isEqualTo(1);
        }
        assertThat(metrics.queueLength.getAsInt()).isEqualTo(10_000);

        warmer.start(DAEMONS);
        awaitIdle(warmer, 10_000);

        assertThat(warmer.stats().warmed()).isEqualTo(10_000);
        assertThat(highWater.get()).as("most loads at once").isBetween(2, 4);
        assertThat(l1.size()).isEqualTo(10_000);
        assertThat(metrics.count(WarmKind.ON_DEMAND, WarmOutcome.WARMED)).isEqualTo(10_000);
    }

    @Test
    void the_rate_limit_spaces_the_task_starts() {
        List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        KeyWarmer instant = (key, freshBeyond) -> {
            starts.add(System.nanoTime());
            return WarmOutcome.ALREADY_FRESH;
        };
        CacheWarmer warmer = warmer(instant, settings(4, 100, 1000));
        for (int user = 0; user < 50; user++) {
            warmer.warm(new WarmRequest.OneKey(CacheKey.forUser(DataType.OVERVIEW, UserId.of("u" + user))));
        }

        warmer.start(DAEMONS);
        awaitIdle(warmer, 50);

        // a burst of 10 tokens at once, then 100 a second: the other 40 need at least 0.4 s
        List<Long> sorted = new ArrayList<>(starts);
        Collections.sort(sorted);
        assertThat(sorted).hasSize(50);
        assertThat(Duration.ofNanos(sorted.get(49) - sorted.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(390));
    }

    @Test
    void warming_a_user_queues_their_dashboard_and_the_global_data_and_every_read_after_is_a_hit() {
        TieredDashboardReader reader = reader(engine);
        CacheWarmer warmer = warmer(reader, settings(4, 10_000, 1000));
        warmer.start(DAEMONS);

        Receipt receipt = warmer.warm(new WarmRequest.Dashboard(USER_42));
        awaitIdle(warmer, 14);

        assertThat(receipt).isEqualTo(new Receipt(14, 0, 0));
        List<CacheKey> dashboard = new ArrayList<>(List.of(OVERVIEW_42,
                CacheKey.forUser(DataType.USER_PREFERENCES, USER_42), CacheKey.forUser(DataType.RECENT_ACTIVITY, USER_42),
                CacheKey.forUser(DataType.NOTIFICATIONS, USER_42), CacheKey.global(DataType.SYSTEM_STATUS),
                CacheKey.global(DataType.PERFORMANCE_METRICS)));
        for (Period period : Period.values()) {
            dashboard.add(CacheKey.forPeriod(DataType.ANALYTICS, period));
            dashboard.add(CacheKey.forPeriod(DataType.AGGREGATED_ANALYTICS, period));
        }
        for (CacheKey key : dashboard) {
            assertThat(reader.read(key).outcome()).as(key.toString()).isEqualTo(CacheOutcome.L1_HIT);
        }
        assertThat(engine.calls()).isEqualTo(14);
    }

    @Test
    void warming_what_is_fresh_already_loads_nothing() {
        TieredDashboardReader reader = reader(engine);
        reader.read(CacheKey.global(DataType.SYSTEM_STATUS));
        CacheWarmer warmer = warmer(reader, settings(2, 10_000, 100));
        warmer.start(DAEMONS);

        warmer.warm(new WarmRequest.OfType(DataType.SYSTEM_STATUS, null));
        awaitIdle(warmer, 1);

        assertThat(warmer.stats().alreadyFresh()).isEqualTo(1);
        assertThat(engine.calls()).isEqualTo(1);
    }

    @Test
    void a_users_first_read_warms_the_rest_of_their_dashboard_once() {
        TieredDashboardReader reader = reader(engine);
        CacheWarmer warmer = warmer(reader, settings(2, 10_000, 100));
        WarmingDashboardReader reads = new WarmingDashboardReader(reader, warmer);
        warmer.start(DAEMONS);

        reads.read(OVERVIEW_42);
        awaitIdle(warmer, 3);
        reads.read(CacheKey.forUser(DataType.NOTIFICATIONS, USER_42));

        assertThat(warmer.stats().warmed()).isEqualTo(3);
        assertThat(metrics.count(WarmKind.USER_TRIGGERED, WarmOutcome.WARMED)).isEqualTo(3);
        for (DataType type : List.of(DataType.USER_PREFERENCES, DataType.RECENT_ACTIVITY, DataType.NOTIFICATIONS)) {
            assertThat(reader.read(CacheKey.forUser(type, USER_42)).outcome()).as(type.segment())
                    .isEqualTo(CacheOutcome.L1_HIT);
        }
        assertThat(engine.calls()).isEqualTo(4);
    }

    @Test
    void warming_a_users_widgets_takes_the_widgets_they_read_lately() {
        TieredDashboardReader reader = reader(engine);
        CacheWarmer warmer = warmer(reader, settings(2, 10_000, 100));
        WarmingDashboardReader reads = new WarmingDashboardReader(reader, warmer);
        reads.read(CacheKey.widget(USER_42, WidgetType.of("heatmap")));
        reads.read(CacheKey.widget(USER_42, WidgetType.of("camera-grid")));
        l1.clear();

        Receipt receipt = warmer.warm(new WarmRequest.OfType(DataType.WIDGET_DATA, USER_42));

        assertThat(receipt.queued()).isEqualTo(2);
    }

    @Test
    void a_full_queue_drops_what_does_not_fit_and_counts_it() {
        CacheWarmer warmer = warmer((key, freshBeyond) -> WarmOutcome.WARMED, settings(1, 100, 2));

        Receipt receipt = warmer.warm(new WarmRequest.Dashboard(USER_42));

        assertThat(receipt).isEqualTo(new Receipt(2, 0, 12));
        assertThat(warmer.stats().dropped()).isEqualTo(12);
        assertThat(warmer.stats().queueLength()).isEqualTo(2);
        assertThat(metrics.count(WarmKind.ON_DEMAND, WarmOutcome.DROPPED)).isEqualTo(12);
        assertThat(warmer.warm(new WarmRequest.OneKey(OVERVIEW_42))).isEqualTo(new Receipt(0, 1, 0));
    }

    @Test
    void operator_tasks_run_before_user_triggered_before_background_before_scheduled() {
        List<CacheKey> order = Collections.synchronizedList(new ArrayList<>());
        KeyWarmer recording = (key, freshBeyond) -> {
            order.add(key);
            return WarmOutcome.WARMED;
        };
        CacheWarmer warmer = warmer(recording, settings(1, 10_000, 100));
        CacheKey hot = CacheKey.global(DataType.SYSTEM_STATUS);
        warmer.onRead(hot, new DashboardRead(null, CacheOutcome.MISS));
        warmer.warmHottest();
        warmer.onRead(OVERVIEW_42, new DashboardRead(null, CacheOutcome.MISS)); // user 42's first read
        CacheKey asked = CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_DAY);
        warmer.warm(new WarmRequest.OneKey(asked));

        warmer.start(DAEMONS);
        awaitIdle(warmer, 5);

        assertThat(order).hasSize(5);
        assertThat(order.get(0)).isEqualTo(asked);
        assertThat(order.subList(1, 4)).allMatch(key -> USER_42.equals(key.user()));
        assertThat(order.get(4)).isEqualTo(hot);
    }

    @Test
    void a_scheduled_pass_warms_the_hottest_keys_to_stay_fresh_until_the_next_pass() {
        Map<CacheKey, Instant> asked = new ConcurrentHashMap<>();
        KeyWarmer recording = (key, freshBeyond) -> {
            asked.put(key, freshBeyond);
            return WarmOutcome.WARMED;
        };
        WarmerSettings twoHottest = new WarmerSettings(1, 10_000, 100, 2, Duration.ofSeconds(60), false);
        CacheWarmer warmer = warmer(recording, twoHottest);
        List<CacheKey> keys = List.of(CacheKey.global(DataType.SYSTEM_STATUS), CacheKey.global(DataType.PERFORMANCE_METRICS),
                CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_WEEK));
        for (int i = 0; i < 3; i++) {
            for (int reads = 0; reads <= i * 5; reads++) {
                warmer.onRead(keys.get(i), new DashboardRead(null, CacheOutcome.L1_HIT));
            }
        }

        Receipt receipt = warmer.warmHottest();
        warmer.start(DAEMONS);
        awaitIdle(warmer, 2);

        assertThat(receipt.queued()).isEqualTo(2);
        assertThat(warmer.hottest(3)).containsExactly(keys.get(2), keys.get(1), keys.get(0));
        assertThat(asked).containsOnlyKeys(keys.get(2), keys.get(1));
        assertThat(asked.get(keys.get(2))).isEqualTo(clock.instant().plusSeconds(60));
        assertThat(metrics.count(WarmKind.SCHEDULED, WarmOutcome.WARMED)).isEqualTo(2);
    }

    @Test
    void the_hot_keys_are_ranked_by_their_estimated_reads_and_a_limit_out_of_range_is_refused() {
        CacheWarmer warmer = warmer((key, freshBeyond) -> WarmOutcome.WARMED, settings(1, 10_000, 100));
        List<CacheKey> keys = List.of(CacheKey.global(DataType.SYSTEM_STATUS), OVERVIEW_42,
                CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_WEEK));
        int[] reads = {3, 11, 7};
        for (int i = 0; i < keys.size(); i++) {
            for (int read = 0; read < reads[i]; read++) {
                warmer.onRead(keys.get(i), new DashboardRead(null, CacheOutcome.L1_HIT));
            }
        }

        assertThat(warmer.hotKeys(2)).containsExactly(new ReadHotKeys.HotKey(OVERVIEW_42, 11),
                new ReadHotKeys.HotKey(keys.get(2), 7));
        assertThat(warmer.hotKeys(ReadHotKeys.MAX_LIMIT)).extracting(ReadHotKeys.HotKey::key)
                .containsExactly(OVERVIEW_42, keys.get(2), keys.get(0));
        for (int limit : new int[] {0, -1, ReadHotKeys.MAX_LIMIT + 1}) {
            assertThatThrownBy(() -> warmer.hotKeys(limit)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("limit must be from 1 to 1000");
        }
    }

    @Test
    void a_warm_the_engine_fails_is_counted_failed() {
        engine.fail(SourceUnavailableException.Reason.UNREACHABLE);
        CacheWarmer warmer = warmer(reader(engine), settings(1, 10_000, 100));
        warmer.start(DAEMONS);

        warmer.warm(new WarmRequest.OneKey(OVERVIEW_42));
        awaitIdle(warmer, 1);

        assertThat(warmer.stats().failed()).isEqualTo(1);
        assertThat(metrics.count(WarmKind.ON_DEMAND, WarmOutcome.FAILED)).isEqualTo(1);
    }
}
