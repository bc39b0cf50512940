package io.dashcache.application.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.application.port.in.invalidation.InvalidationRequest;
import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.application.port.messages.WarmOutcome;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.reading.LoadLeases;
import io.dashcache.application.port.out.reading.SourceAnswer;
import io.dashcache.application.port.out.reading.SourceUnavailableException;
import io.dashcache.application.reading.TieredDashboardReader;
import io.dashcache.application.testing.DashboardReaders;
import io.dashcache.application.testing.InMemoryLocalTier;
import io.dashcache.application.testing.InMemorySharedTier;
import io.dashcache.application.testing.MutableClock;
import io.dashcache.application.testing.ScriptedSource;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Scope;
import io.dashcache.domain.TtlPolicy;
import io.dashcache.domain.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TieredCacheTest {

    private static final CacheKey OVERVIEW_42 = CacheKey.forUser(DataType.OVERVIEW, UserId.of("42"));

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    private final InMemoryLocalTier l1 = new InMemoryLocalTier();
    private final InMemorySharedTier l2 = new InMemorySharedTier();
    private final ScriptedSource engine = new ScriptedSource();
    private final LocalFillGuard guard = new LocalFillGuard();
    private final List<Runnable> backgroundTasks = new ArrayList<>();
    private final TtlPolicy ttls = TtlPolicy.defaults().withJitter(0);
    private final TieredDashboardReader reader = DashboardReaders.of(l1, l2, engine, ttls, guard,
            CacheMetrics.NONE, clock, backgroundTasks::add, RandomGenerator.of("L64X128MixRandom"), Duration.ofSeconds(5));
    private final CacheInvalidator invalidator = new CacheInvalidator(l1, l2, message -> { }, guard,
            CacheMetrics.NONE, "test");
    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private final CountDownLatch firstLoadStarted = new CountDownLatch(1);

    @AfterEach
    void stopPool() {
        engine.release();
        pool.shutdownNow();
    }

    private static String body(DashboardRead read) {
        return new String(read.entry().payload(), StandardCharsets.UTF_8);
    }

    private void runBackgroundTasks() {
        List<Runnable> tasks = new ArrayList<>(backgroundTasks);
        backgroundTasks.clear();
        tasks.forEach(Runnable::run);
    }

    @Test
    void a_first_read_misses_and_loads_and_the_second_is_answered_from_l1() {
        DashboardRead first = reader.read(OVERVIEW_42);
        DashboardRead second = reader.read(OVERVIEW_42);

        assertThat(first.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(second.outcome()).isEqualTo(CacheOutcome.L1_HIT);
        assertThat(second.entry()).isEqualTo(first.entry());
        assertThat(engine.calls()).isEqualTo(1);
        assertThat(l2.stored(OVERVIEW_42)).isEqualTo(first.entry());
    }

    @Test
    void a_value_only_in_l2_is_an_l2_hit_and_fills_l1() {
        DashboardRead loaded = reader.read(OVERVIEW_42);
        l1.clear();

        DashboardRead fromL2 = reader.read(OVERVIEW_42);

        assertThat(fromL2.outcome()).isEqualTo(CacheOutcome.L2_HIT);
        assertThat(fromL2.entry()).isEqualTo(loaded.entry());
        assertThat(reader.read(OVERVIEW_42).outcome()).isEqualTo(CacheOutcome.L1_HIT);
        assertThat(engine.calls()).isEqualTo(1);
    }

    @Test
    void concurrent_first_reads_of_one_key_load_it_once() throws Exception {
        engine.hold();
        List<Future<DashboardRead>> reads = new ArrayList<>();
        Callable<DashboardRead> read = () -> reader.read(OVERVIEW_42);
        reads.add(pool.submit(read));
        engine.awaitLoadStarted();
        for (int i = 0; i < 49; i++) {
            reads.add(pool.submit(read));
        }
        Thread.sleep(50); // let the followers reach the flight; the count below does not depend on it
        engine.release();

        for (Future<DashboardRead> each : reads) {
            assertThat(body(each.get())).contains("\"v\":1");
        }
        assertThat(engine.calls()).isEqualTo(1);
    }

    @Test
    void the_engines_404_is_remembered_briefly_as_absent() {
        engine.notFound();

        DashboardRead first = reader.read(OVERVIEW_42);
        DashboardRead second = reader.read(OVERVIEW_42);
        clock.advance(ttls.absentTtl(DataType.OVERVIEW).plusSeconds(1));
        reader.read(OVERVIEW_42);

        assertThat(first.entry().absent()).isTrue();
        assertThat(second.outcome()).isEqualTo(CacheOutcome.L1_HIT);
        assertThat(engine.calls()).isEqualTo(2);
    }

    @Test
    void a_read_in_the_grace_period_is_stale_at_once_and_one_refresh_follows() {
        reader.read(OVERVIEW_42);
        clock.advance(ttls.ttl(DataType.OVERVIEW).plusSeconds(1));

        DashboardRead stale = reader.read(OVERVIEW_42);
        DashboardRead staleAgain = reader.read(OVERVIEW_42);
        assertThat(stale.outcome()).isEqualTo(CacheOutcome.STALE);
        assertThat(staleAgain.outcome()).isEqualTo(CacheOutcome.STALE);
        assertThat(engine.calls()).isEqualTo(1);
        assertThat(backgroundTasks).hasSize(1);

        runBackgroundTasks();
        DashboardRead fresh = reader.read(OVERVIEW_42);

        assertThat(engine.calls()).isEqualTo(2);
        assertThat(fresh.outcome()).isEqualTo(CacheOutcome.L1_HIT);
        assertThat(body(fresh)).contains("\"v\":2");
    }

    @Test
    void after_the_grace_period_a_read_waits_for_the_engine_again() {
        reader.read(OVERVIEW_42);
        clock.advance(ttls.ttl(DataType.OVERVIEW).plus(ttls.grace(DataType.OVERVIEW)).plusSeconds(1));

        DashboardRead read = reader.read(OVERVIEW_42);

        assertThat(read.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(body(read)).contains("\"v\":2");
    }

    @Test
    void with_the_engine_down_a_stale_value_is_served_until_the_grace_period_ends() {
        reader.read(OVERVIEW_42);
        engine.fail(SourceUnavailableException.Reason.FAILING);
        clock.advance(ttls.ttl(DataType.OVERVIEW).plusSeconds(1));

        assertThat(reader.read(OVERVIEW_42).outcome()).isEqualTo(CacheOutcome.STALE);
        runBackgroundTasks(); // the refresh fails quietly; the stale value stays
        assertThat(reader.read(OVERVIEW_42).outcome()).isEqualTo(CacheOutcome.STALE);

        runBackgroundTasks();
        clock.advance(ttls.grace(DataType.OVERVIEW));
        assertThatThrownBy(() -> reader.read(OVERVIEW_42)).isInstanceOf(SourceUnavailableException.class);
    }

    @Test
    void with_nothing_cached_an_engine_failure_reaches_the_caller_with_its_reason() {
        engine.fail(SourceUnavailableException.Reason.TIMEOUT);

        assertThatThrownBy(() -> reader.read(OVERVIEW_42))
                .isInstanceOfSatisfying(SourceUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(SourceUnavailableException.Reason.TIMEOUT));
    }

    @Test
    void a_load_overtaken_by_an_invalidation_is_cached_nowhere() throws Exception {
        engine.hold();
        Future<DashboardRead> slowRead = pool.submit(() -> reader.read(OVERVIEW_42));
        engine.awaitLoadStarted();

        invalidator.invalidateScopes(Set.of(OVERVIEW_42.scope()), "detection.created");
        engine.release();
        slowRead.get();

        assertThat(l2.stored(OVERVIEW_42)).isNull();
        assertThat(l1.getIfPresent(OVERVIEW_42)).isNull();
        DashboardRead next = reader.read(OVERVIEW_42);
        assertThat(next.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(body(next)).contains("\"v\":2");
    }

    @Test
    void a_read_after_an_invalidation_does_not_wait_for_the_load_begun_before_it() throws Exception {
        CountDownLatch firstLoadRelease = holdOnlyTheFirstLoad();
        Future<DashboardRead> slowRead = pool.submit(() -> reader.read(OVERVIEW_42));
        firstLoadStarted.await();

        invalidator.invalidateScopes(Set.of(OVERVIEW_42.scope()), "detection.created");
        DashboardRead later = reader.read(OVERVIEW_42);
        firstLoadRelease.countDown();

        assertThat(body(later)).isEqualTo("{\"load\":2}");
        assertThat(body(slowRead.get())).isEqualTo("{\"load\":1}");
        assertThat(body(reader.read(OVERVIEW_42))).isEqualTo("{\"load\":2}");
    }

    @Test
    void a_load_overtaken_by_a_type_wide_invalidation_is_cached_nowhere() throws Exception {
        CountDownLatch firstLoadRelease = holdOnlyTheFirstLoad();
        Future<DashboardRead> slowRead = pool.submit(() -> reader.read(OVERVIEW_42));
        firstLoadStarted.await();

        invalidator.invalidate(InvalidationRequest.type(DataType.OVERVIEW));
        firstLoadRelease.countDown();
        slowRead.get();

        assertThat(l2.stored(OVERVIEW_42)).as("no scope version moved, yet nothing is stored").isNull();
        assertThat(l1.getIfPresent(OVERVIEW_42)).isNull();
        DashboardRead next = reader.read(OVERVIEW_42);
        assertThat(next.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(body(next)).isEqualTo("{\"load\":2}");
    }

    /** Loads answer {@code {"load":n}}; the first one waits for the returned latch. */
    private CountDownLatch holdOnlyTheFirstLoad() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        engine.answer(key -> {
            int load = loads.incrementAndGet();
            if (load == 1) {
                firstLoadStarted.countDown();
                try {
                    assertThat(release.await(5, TimeUnit.SECONDS)).as("first load released").isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return SourceAnswer.found(ScriptedSource.json("{\"load\":" + load + "}"));
        });
        return release;
    }

    @Test
    void an_invalidated_value_is_never_served_stale() {
        reader.read(OVERVIEW_42);
        clock.advance(ttls.ttl(DataType.OVERVIEW).plusSeconds(1));
        invalidator.invalidateScopes(Set.of(OVERVIEW_42.scope()), "detection.created");

        DashboardRead read = reader.read(OVERVIEW_42);

        assertThat(read.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(body(read)).contains("\"v\":2");
    }

    @Test
    void with_l2_down_reads_go_on_through_l1_and_the_engine() {
        l2.goDown();

        DashboardRead first = reader.read(OVERVIEW_42);
        DashboardRead second = reader.read(OVERVIEW_42);

        assertThat(first.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(second.outcome()).isEqualTo(CacheOutcome.L1_HIT);
    }

    @Test
    void a_value_loaded_under_an_old_version_is_refused_by_l2_and_kept_out_of_l1() {
        reader.read(OVERVIEW_42);
        l1.clear();
        l2.bumpVersions(Set.of(Scope.ofUser(DataType.OVERVIEW, UserId.of("42"))));

        DashboardRead reloaded = reader.read(OVERVIEW_42);

        assertThat(reloaded.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(l2.stored(OVERVIEW_42).scopeVersion()).isEqualTo(1);
        assertThat(reader.read(OVERVIEW_42).outcome()).isEqualTo(CacheOutcome.L1_HIT);
    }

    @Test
    void entries_live_in_l2_until_their_grace_period_ends() {
        DashboardRead read = reader.read(OVERVIEW_42);

        assertThat(Duration.between(read.entry().storedAt(), read.entry().staleUntil()))
                .isEqualTo(ttls.ttl(DataType.OVERVIEW).plus(ttls.grace(DataType.OVERVIEW)));
    }

    @Test
    void an_engine_answer_over_the_size_limit_is_served_but_cached_in_neither_tier() {
        AtomicInteger uncacheable = new AtomicInteger();
        CacheMetrics counting = new CacheMetrics() {
            @Override
            public void recordUncacheable(String cache) {
                uncacheable.incrementAndGet();
            }
        };
        TieredDashboardReader limited = DashboardReaders.of(l1, l2, LoadLeases.UNSHARED, engine, ttls, guard,
                counting, clock, backgroundTasks::add, RandomGenerator.of("L64X128MixRandom"),
                ReadPathSettings.defaults(Duration.ofSeconds(5)).withMaxValueBytes(16));
        engine.answerJson("{\"big\":\"" + "x".repeat(100) + "\"}");

        DashboardRead first = limited.read(OVERVIEW_42);
        DashboardRead second = limited.read(OVERVIEW_42);

        assertThat(body(first)).contains("xxxx");
        assertThat(first.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(second.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(l1.getIfPresent(OVERVIEW_42)).isNull();
        assertThat(l2.stored(OVERVIEW_42)).isNull();
        assertThat(uncacheable).hasValue(2);
    }

    @Test
    void an_answer_over_the_size_limit_that_l2_stores_under_it_is_cached_and_l1_keeps_it_whole() {
        l2.compressBy(10);
        TieredDashboardReader limited = DashboardReaders.of(l1, l2, LoadLeases.UNSHARED, engine, ttls, guard,
                CacheMetrics.NONE, clock, backgroundTasks::add, RandomGenerator.of("L64X128MixRandom"),
                ReadPathSettings.defaults(Duration.ofSeconds(5)).withMaxValueBytes(16));
        String big = "{\"big\":\"" + "x".repeat(100) + "\"}";
        engine.answerJson(big);

        DashboardRead first = limited.read(OVERVIEW_42);
        DashboardRead second = limited.read(OVERVIEW_42);

        assertThat(first.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(second.outcome()).isEqualTo(CacheOutcome.L1_HIT);
        assertThat(new String(l1.getIfPresent(OVERVIEW_42).payload(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(big);
        assertThat(l2.stored(OVERVIEW_42)).isNotNull();
    }

    @Test
    void an_answer_at_the_size_limit_is_cached() {
        TieredDashboardReader limited = DashboardReaders.of(l1, l2, LoadLeases.UNSHARED, engine, ttls, guard,
                CacheMetrics.NONE, clock, backgroundTasks::add, RandomGenerator.of("L64X128MixRandom"),
                ReadPathSettings.defaults(Duration.ofSeconds(5)).withMaxValueBytes(8));
        engine.answerJson("{\"a\":12}");

        limited.read(OVERVIEW_42);

        assertThat(limited.read(OVERVIEW_42).outcome()).isEqualTo(CacheOutcome.L1_HIT);
    }

    @Test
    void a_loaded_entry_remembers_how_long_the_engine_took() {
        engine.answer(key -> {
            clock.advance(Duration.ofMillis(340));
            return SourceAnswer.found(ScriptedSource.json("{}"));
        });

        DashboardRead read = reader.read(OVERVIEW_42);

        assertThat(read.entry().loadDuration()).isEqualTo(Duration.ofMillis(340));
        assertThat(l2.stored(OVERVIEW_42).loadDuration()).isEqualTo(Duration.ofMillis(340));
    }

    @Test
    void warming_a_cold_key_loads_it_and_warming_it_again_finds_it_fresh() {
        assertThat(reader.warm(OVERVIEW_42, clock.instant())).isEqualTo(WarmOutcome.WARMED);
        assertThat(reader.warm(OVERVIEW_42, clock.instant())).isEqualTo(WarmOutcome.ALREADY_FRESH);

        assertThat(engine.calls()).isEqualTo(1);
        assertThat(reader.read(OVERVIEW_42).outcome()).isEqualTo(CacheOutcome.L1_HIT);
    }

    @Test
    void warming_finds_a_value_only_in_l2_fresh_and_copies_it_to_l1() {
        reader.read(OVERVIEW_42);
        l1.clear();

        assertThat(reader.warm(OVERVIEW_42, clock.instant())).isEqualTo(WarmOutcome.ALREADY_FRESH);

        assertThat(l1.getIfPresent(OVERVIEW_42)).isNotNull();
        assertThat(engine.calls()).isEqualTo(1);
    }

    @Test
    void warming_for_a_moment_past_the_expiry_reloads_a_fresh_value() {
        DashboardRead first = reader.read(OVERVIEW_42);

        assertThat(reader.warm(OVERVIEW_42, first.entry().freshUntil())).isEqualTo(WarmOutcome.WARMED);

        assertThat(engine.calls()).isEqualTo(2);
        assertThat(body(reader.read(OVERVIEW_42))).contains("\"v\":2");
    }

    @Test
    void warming_a_stale_value_reloads_it_at_once() {
        reader.read(OVERVIEW_42);
        clock.advance(ttls.ttl(DataType.OVERVIEW).plusSeconds(1));

        assertThat(reader.warm(OVERVIEW_42, clock.instant())).isEqualTo(WarmOutcome.WARMED);

        assertThat(backgroundTasks).isEmpty();
        assertThat(reader.read(OVERVIEW_42).outcome()).isEqualTo(CacheOutcome.L1_HIT);
    }

    @Test
    void after_a_failed_background_refresh_the_key_is_not_refreshed_again_for_a_second() {
        reader.read(OVERVIEW_42);
        engine.fail(SourceUnavailableException.Reason.FAILING);
        clock.advance(ttls.ttl(DataType.OVERVIEW).plusSeconds(1));
        reader.read(OVERVIEW_42);
        runBackgroundTasks();

        reader.read(OVERVIEW_42);
        assertThat(backgroundTasks).as("resting after the failure").isEmpty();

        clock.advance(TieredCache.REFRESH_RETRY_PAUSE);
        reader.read(OVERVIEW_42);
        assertThat(backgroundTasks).hasSize(1);
        assertThat(engine.calls()).isEqualTo(2);
    }

    // ---- refresh ahead of expiry, and what the engine does for any key (named entries too)

    private TieredCache engine(CacheMetrics metrics, RefreshAhead refreshAhead) {
        return new TieredCache(l1, l2, LoadLeases.UNSHARED, guard, metrics, clock, backgroundTasks::add,
                RandomGenerator.of("L64X128MixRandom"), refreshAhead, ReadPathSettings.defaults(Duration.ofSeconds(5)));
    }

    private static RefreshAhead eager(double beta) {
        return new RefreshAhead(beta, java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(7L));
    }

    @Test
    void a_hot_entry_near_its_expiry_is_refreshed_ahead_once_in_the_background_and_counted() {
        engine.answer(key -> {
            clock.advance(Duration.ofSeconds(10)); // a slow load: delta = 10 s
            return SourceAnswer.found(("{\"v\":" + engine.calls() + "}").getBytes(StandardCharsets.UTF_8));
        });
        List<String> warms = new java.util.concurrent.CopyOnWriteArrayList<>();
        CacheMetrics counting = new CacheMetrics() {
            @Override
            public void recordWarm(io.dashcache.application.port.messages.WarmKind kind, WarmOutcome outcome) {
                warms.add(kind + ":" + outcome);
            }
        };
        TieredDashboardReader reads = new TieredDashboardReader(engine(counting, eager(100)), engine, ttls,
                Runnable::run);
        CacheKey status = CacheKey.global(DataType.SYSTEM_STATUS);
        DashboardRead first = reads.read(status);
        clock.advance(Duration.between(clock.instant(), first.entry().freshUntil()).minusSeconds(1));

        for (int i = 0; i < 10; i++) {
            assertThat(reads.read(status).outcome()).isEqualTo(CacheOutcome.L1_HIT);
        }
        assertThat(backgroundTasks).as("one refresh, however many hits").hasSize(1);
        runBackgroundTasks();

        assertThat(engine.calls()).isEqualTo(2);
        assertThat(warms).containsExactly("BACKGROUND:WARMED");
        DashboardRead after = reads.read(status);
        assertThat(after.outcome()).isEqualTo(CacheOutcome.L1_HIT);
        assertThat(body(after)).isEqualTo("{\"v\":2}");
    }

    @Test
    void far_from_expiry_no_refresh_ahead_is_asked_for() {
        engine.answer(key -> {
            clock.advance(Duration.ofMillis(10));
            return SourceAnswer.found(ScriptedSource.json("{}"));
        });
        TieredDashboardReader reads = new TieredDashboardReader(engine(CacheMetrics.NONE, eager(1)), engine, ttls,
                Runnable::run);
        CacheKey status = CacheKey.global(DataType.SYSTEM_STATUS);

        for (int i = 0; i < 100; i++) {
            reads.read(status);
        }

        assertThat(backgroundTasks).isEmpty();
        assertThat(engine.calls()).isEqualTo(1);
    }

    @Test
    void a_ttl_the_loader_chose_replaces_the_caches_for_that_value() {
        TieredCache cache = engine(CacheMetrics.NONE, RefreshAhead.OFF);
        io.dashcache.domain.NamedKey key = new io.dashcache.domain.NamedKey("orders", "17");
        io.dashcache.domain.CachePolicy tenMinutes = io.dashcache.domain.CachePolicy.of(Duration.ofMinutes(10), 0);

        DashboardRead read = cache.read(key, tenMinutes, k -> SourceAnswer.found(ScriptedSource.json("{}"),
                Duration.ofSeconds(30)));

        assertThat(Duration.between(read.entry().storedAt(), read.entry().freshUntil())).isEqualTo(Duration.ofSeconds(30));
        assertThat(l2.stored(key)).isEqualTo(read.entry());
    }

    @Test
    void absence_is_cached_only_where_the_policy_asks_for_it() {
        TieredCache cache = engine(CacheMetrics.NONE, RefreshAhead.OFF);
        io.dashcache.domain.NamedKey key = new io.dashcache.domain.NamedKey("orders", "missing");
        io.dashcache.domain.CachePolicy remembers = io.dashcache.domain.CachePolicy.of(Duration.ofMinutes(10), 0);
        AtomicInteger asked = new AtomicInteger();
        TieredCache.Loader nothing = k -> {
            asked.incrementAndGet();
            return SourceAnswer.notFound();
        };

        cache.read(key, remembers.withoutAbsentCaching(), nothing);
        cache.read(key, remembers.withoutAbsentCaching(), nothing);
        assertThat(asked).hasValue(2);
        assertThat(l2.stored(key)).isNull();

        assertThat(cache.read(key, remembers, nothing).entry().absent()).isTrue();
        assertThat(cache.read(key, remembers, nothing).outcome()).isEqualTo(CacheOutcome.L1_HIT);
        assertThat(asked).hasValue(3);
    }

    @Test
    void a_named_entrys_evict_or_clear_refuses_a_load_begun_before_it() {
        TieredCache cache = engine(CacheMetrics.NONE, RefreshAhead.OFF);
        io.dashcache.domain.NamedKey key = new io.dashcache.domain.NamedKey("orders", "17");
        io.dashcache.domain.CachePolicy policy = io.dashcache.domain.CachePolicy.of(Duration.ofMinutes(10), 0);
        for (io.dashcache.domain.Scope invalidated : List.<io.dashcache.domain.Scope>of(key.entryScope(),
                new io.dashcache.domain.NamedCacheScope("orders"))) {
            DashboardRead overtaken = cache.read(key, policy, k -> {
                invalidator.invalidateScopes(Set.of(invalidated), "test"); // while the load runs
                return SourceAnswer.found(ScriptedSource.json("{\"v\":\"old\"}"));
            });

            assertThat(overtaken.outcome()).isEqualTo(CacheOutcome.MISS);
            assertThat(l1.getIfPresent(key)).as("after " + invalidated).isNull();
            assertThat(cache.read(key, policy, k -> SourceAnswer.found(ScriptedSource.json("{\"v\":\"new\"}")))
                    .outcome()).isEqualTo(CacheOutcome.MISS);
            invalidator.invalidateScopes(Set.of(key.entryScope()), "test");
        }
    }
}
