package io.dashcache.application.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.reading.LoadLeases;
import io.dashcache.application.reading.TieredDashboardReader;
import io.dashcache.application.testing.DashboardReaders;
import io.dashcache.application.testing.InMemoryLoadLeases;
import io.dashcache.application.testing.InMemoryLocalTier;
import io.dashcache.application.testing.InMemorySharedTier;
import io.dashcache.application.testing.InMemoryStoreNotices;
import io.dashcache.application.testing.MutableClock;
import io.dashcache.application.testing.ScriptedSource;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.domain.TtlPolicy;
import io.dashcache.domain.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two instances (two readers, each with its own L1) over one shared tier and one set of leases. */
class CrossInstanceLoadTest {

    private static final CacheKey OVERVIEW_42 = CacheKey.forUser(DataType.OVERVIEW, UserId.of("42"));
    private static final Duration LONG = Duration.ofSeconds(30);

    private final Clock clock = Clock.systemUTC();
    private final InMemorySharedTier l2 = new InMemorySharedTier();
    private final InMemoryLoadLeases leases = new InMemoryLoadLeases(clock);
    private final ScriptedSource engine = new ScriptedSource();
    private final TtlPolicy ttls = TtlPolicy.defaults().withJitter(0);
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final List<Runnable> backgroundTasks = new ArrayList<>();

    @AfterEach
    void stop() {
        engine.release();
        pool.shutdownNow();
    }

    private TieredDashboardReader instance(LoadLeases leases, ReadPathSettings settings) {
        return DashboardReaders.of(new InMemoryLocalTier(), l2, leases, engine, ttls, new LocalFillGuard(),
                CacheMetrics.NONE, clock, backgroundTasks::add, RandomGenerator.of("L64X128MixRandom"), settings);
    }

    private TieredDashboardReader instance() {
        return instance(leases, ReadPathSettings.defaults(Duration.ofSeconds(5)));
    }

    private static String body(DashboardRead read) {
        return new String(read.entry().payload(), StandardCharsets.UTF_8);
    }

    @Test
    void two_instances_reading_one_cold_key_at_once_load_it_once() throws Exception {
        TieredDashboardReader first = instance();
        TieredDashboardReader second = instance();
        engine.hold();
        Future<DashboardRead> winner = pool.submit(() -> first.read(OVERVIEW_42));
        engine.awaitLoadStarted();

        Future<DashboardRead> loser = pool.submit(() -> second.read(OVERVIEW_42));
        await().atMost(Duration.ofSeconds(5)).until(() -> leases.granted() == 1 && !loser.isDone());
        engine.release();

        assertThat(winner.get().outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(loser.get().outcome()).isEqualTo(CacheOutcome.L2_HIT);
        assertThat(body(loser.get())).isEqualTo(body(winner.get()));
        assertThat(engine.calls()).isEqualTo(1);
        assertThat(second.read(OVERVIEW_42).outcome()).as("the waiter filled its L1").isEqualTo(CacheOutcome.L1_HIT);
    }

    @Test
    void a_waiter_looks_at_l2_when_told_the_value_is_stored_not_after_its_pause() throws Exception {
        InMemoryStoreNotices notices = new InMemoryStoreNotices();
        // the first look would come after 10 s: only the notice can make the waiter answer sooner
        ReadPathSettings slowPolls = new ReadPathSettings(Duration.ofSeconds(60), LONG, Duration.ofSeconds(50),
                Duration.ofSeconds(10), ReadPathSettings.DEFAULT_MAX_VALUE_BYTES);
        TieredDashboardReader first = instance();
        TieredDashboardReader second = DashboardReaders.of(new InMemoryLocalTier(), l2, leases, notices, engine, ttls,
                new LocalFillGuard(), CacheMetrics.NONE, clock, backgroundTasks::add,
                RandomGenerator.of("L64X128MixRandom"), slowPolls);
        engine.hold();
        Future<DashboardRead> winner = pool.submit(() -> first.read(OVERVIEW_42));
        engine.awaitLoadStarted();
        Future<DashboardRead> waiter = pool.submit(() -> second.read(OVERVIEW_42));
        await().atMost(Duration.ofSeconds(5)).until(() -> notices.watching(OVERVIEW_42) == 1);
        engine.release();
        winner.get(5, TimeUnit.SECONDS);

        notices.announce(OVERVIEW_42);

        DashboardRead read = waiter.get(5, TimeUnit.SECONDS);
        assertThat(read.outcome()).isEqualTo(CacheOutcome.L2_HIT);
        assertThat(body(read)).isEqualTo(body(winner.get()));
        assertThat(engine.calls()).isEqualTo(1);
        assertThat(notices.watching(OVERVIEW_42)).as("the watch ends with the wait").isZero();
    }

    @Test
    void the_lease_is_given_back_once_the_value_is_written() {
        instance().read(OVERVIEW_42);

        assertThat(leases.isHeld(OVERVIEW_42)).isFalse();
        assertThat(l2.stored(OVERVIEW_42)).isNotNull();
    }

    @Test
    void a_lease_left_by_a_holder_that_died_expires_and_the_waiter_loads() {
        leases.tryAcquire(OVERVIEW_42, Duration.ofMillis(100)); // a holder that never comes back

        DashboardRead read = instance().read(OVERVIEW_42);

        assertThat(read.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(engine.calls()).isEqualTo(1);
        assertThat(l2.stored(OVERVIEW_42)).isEqualTo(read.entry());
    }

    @Test
    void after_the_lease_wait_a_waiter_loads_without_the_lease() {
        leases.tryAcquire(OVERVIEW_42, LONG);
        ReadPathSettings shortWait = ReadPathSettings.defaults(Duration.ofSeconds(5))
                .withLease(LONG, Duration.ofMillis(60));

        DashboardRead read = instance(leases, shortWait).read(OVERVIEW_42);

        assertThat(read.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(engine.calls()).isEqualTo(1);
        assertThat(leases.isHeld(OVERVIEW_42)).as("the other holder's lease is left alone").isTrue();
    }

    @Test
    void when_the_leases_fail_a_read_loads_as_if_there_were_none() {
        leases.goDown();

        DashboardRead read = instance().read(OVERVIEW_42);

        assertThat(read.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(l2.stored(OVERVIEW_42)).isEqualTo(read.entry());
    }

    @Test
    void with_l2_down_no_lease_is_asked_for() {
        l2.goDown();

        assertThat(instance().read(OVERVIEW_42).outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(leases.granted()).isZero();
    }

    @Test
    void a_background_refresh_leaves_the_load_to_the_instance_holding_the_lease() {
        MutableClockReader stale = new MutableClockReader();
        stale.reader.read(OVERVIEW_42);
        stale.clock.advance(ttls.ttl(DataType.OVERVIEW).plusSeconds(1));
        stale.leases.tryAcquire(OVERVIEW_42, LONG); // another instance is refreshing it

        assertThat(stale.reader.read(OVERVIEW_42).outcome()).isEqualTo(CacheOutcome.STALE);
        backgroundTasks.forEach(Runnable::run);

        assertThat(engine.calls()).isEqualTo(1);
        assertThat(stale.reader.read(OVERVIEW_42).outcome()).as("a new refresh may start").isEqualTo(CacheOutcome.STALE);
    }

    /** A reader whose clock the test moves, with leases that expire by that clock. */
    private final class MutableClockReader {
        final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
        final InMemoryLoadLeases leases = new InMemoryLoadLeases(clock);
        final TieredDashboardReader reader = DashboardReaders.of(new InMemoryLocalTier(), l2, leases, engine,
                ttls, new LocalFillGuard(), CacheMetrics.NONE, clock, backgroundTasks::add,
                RandomGenerator.of("L64X128MixRandom"), ReadPathSettings.defaults(Duration.ofSeconds(5)));
    }
}
