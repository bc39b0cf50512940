package io.dashcache.application.warming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.application.concurrency.DaemonThreads;
import io.dashcache.application.engine.CacheInvalidator;
import io.dashcache.application.engine.LocalFillGuard;
import io.dashcache.application.engine.ReadPathSettings;
import io.dashcache.application.engine.RefreshAhead;
import io.dashcache.application.engine.TieredCache;
import io.dashcache.application.port.messages.WarmKind;
import io.dashcache.application.port.messages.WarmOutcome;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.reading.LoadLeases;
import io.dashcache.application.reading.TieredDashboardReader;
import io.dashcache.application.testing.InMemoryLocalTier;
import io.dashcache.application.testing.InMemorySharedTier;
import io.dashcache.application.testing.MutableClock;
import io.dashcache.application.testing.ScriptedSource;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.domain.TtlPolicy;
import io.dashcache.domain.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an invalidation drops from L1 is loaded again before anyone asks, within a budget; nothing else is. */
class RefreshOnInvalidationTest {

    private static final CacheKey OVERVIEW_42 = CacheKey.forUser(DataType.OVERVIEW, UserId.of("42"));
    private static final CacheKey OVERVIEW_7 = CacheKey.forUser(DataType.OVERVIEW, UserId.of("7"));

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    private final InMemoryLocalTier l1 = new InMemoryLocalTier();
    private final InMemorySharedTier l2 = new InMemorySharedTier();
    private final ScriptedSource engine = new ScriptedSource();
    private final LocalFillGuard guard = new LocalFillGuard();
    private final Map<String, AtomicInteger> warms = new ConcurrentHashMap<>();
    private final CacheMetrics metrics = new CacheMetrics() {
        @Override
        public void recordWarm(WarmKind kind, WarmOutcome outcome) {
            warms.computeIfAbsent(kind + ":" + outcome, k -> new AtomicInteger()).incrementAndGet();
        }
    };
    private final TieredDashboardReader reader = new TieredDashboardReader(new TieredCache(l1, l2, LoadLeases.UNSHARED,
            guard, metrics, clock, Runnable::run, RandomGenerator.of("L64X128MixRandom"), RefreshAhead.OFF,
            ReadPathSettings.defaults(Duration.ofSeconds(5))), engine, TtlPolicy.defaults().withJitter(0), Runnable::run);
    private final CacheWarmer warmer = new CacheWarmer(reader, new WarmerSettings(1, 10_000, 100, 0,
            Duration.ofSeconds(60), false), metrics, clock);
    private final CacheInvalidator invalidator = new CacheInvalidator(l1, l2, message -> { }, guard, metrics, "me");

    @AfterEach
    void stop() {
        warmer.close();
    }

    private RefreshOnInvalidation refreshing(double perSecond) {
        RefreshOnInvalidation refresh = new RefreshOnInvalidation(warmer, perSecond, clock);
        invalidator.alsoTell(refresh);
        warmer.start(DaemonThreads.named("warm-test"));
        return refresh;
    }

    private String body(CacheKey key) {
        return new String(reader.read(key).entry().payload(), StandardCharsets.UTF_8);
    }

    @Test
    void a_key_read_lately_is_loaded_again_right_after_its_invalidation_and_its_next_read_is_a_hit() {
        refreshing(100);
        assertThat(body(OVERVIEW_42)).contains("\"v\":1");

        invalidator.invalidateScopes(Set.of(OVERVIEW_42.scope()), "detection.created");

        await().atMost(Duration.ofSeconds(5)).until(() -> engine.calls() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> l1.getIfPresent(OVERVIEW_42) != null);
        assertThat(reader.read(OVERVIEW_42).outcome()).isEqualTo(CacheOutcome.L1_HIT);
        assertThat(body(OVERVIEW_42)).contains("\"v\":2");
        assertThat(warms.get("ON_INVALIDATION:WARMED")).hasValue(1);
    }

    @Test
    void a_key_nobody_read_is_not_loaded_when_its_scope_is_invalidated() throws InterruptedException {
        refreshing(100);
        reader.read(OVERVIEW_42);

        invalidator.invalidateScopes(Set.of(OVERVIEW_7.scope()), "detection.created");
        Thread.sleep(200); // nothing is expected to happen; give the warmer's worker the chance to do it wrongly

        assertThat(engine.calls()).isEqualTo(1);
        assertThat(warms).doesNotContainKey("ON_INVALIDATION:WARMED");
    }

    @Test
    void past_the_budget_the_keys_wait_for_their_next_reader_and_are_counted() {
        RefreshOnInvalidation refresh = refreshing(1);
        List<CacheKey> keys = List.of(OVERVIEW_42, OVERVIEW_7, CacheKey.forUser(DataType.OVERVIEW, UserId.of("9")));
        keys.forEach(reader::read);

        invalidator.invalidateScopes(Set.of(OVERVIEW_42.scope(), OVERVIEW_7.scope(), keys.get(2).scope()),
                "batch.completed");

        await().atMost(Duration.ofSeconds(5)).until(() -> engine.calls() == 4);
        assertThat(refresh.skipped()).isEqualTo(2);
        assertThat(warms.get("ON_INVALIDATION:WARMED")).hasValue(1);
    }
}
