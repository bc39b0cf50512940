package io.dashcache.application.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.application.inmemory.RecentAppliedEvents;
import io.dashcache.application.invalidation.EngineEventApplier;
import io.dashcache.application.port.in.invalidation.ApplyEngineEvent.Outcome;
import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.reading.TieredDashboardReader;
import io.dashcache.application.testing.DashboardReaders;
import io.dashcache.application.testing.InMemoryLocalTier;
import io.dashcache.application.testing.InMemorySharedTier;
import io.dashcache.application.testing.MutableClock;
import io.dashcache.application.testing.ScriptedSource;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.EventType;
import io.dashcache.domain.Scope;
import io.dashcache.domain.TtlPolicy;
import io.dashcache.domain.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** No read goes back in time: through a Redis outage, an event kept meanwhile, and a lost subscription. */
class MonotonicReadsTest {

    private static final UserId U42 = UserId.of("42");
    private static final CacheKey OVERVIEW_42 = CacheKey.forUser(DataType.OVERVIEW, U42);

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    private final InMemoryLocalTier l1 = new InMemoryLocalTier();
    private final InMemorySharedTier l2 = new InMemorySharedTier();
    private final ScriptedSource engine = new ScriptedSource();
    private final LocalFillGuard guard = new LocalFillGuard();
    private final TieredDashboardReader reader = DashboardReaders.of(l1, l2, engine, TtlPolicy.defaults().withJitter(0),
            guard, CacheMetrics.NONE, clock, Runnable::run, RandomGenerator.of("L64X128MixRandom"), Duration.ofSeconds(5));
    private final CacheInvalidator invalidator = new CacheInvalidator(l1, l2, message -> { }, guard, CacheMetrics.NONE,
            "test");

    private static String body(DashboardRead read) {
        return new String(read.entry().payload(), StandardCharsets.UTF_8);
    }

    private static EngineEvent detection(String eventId) {
        return new EngineEvent(eventId, EventType.DETECTION_CREATED, U42, null, Instant.parse("2026-11-25T10:00:00Z"),
                "d-1", null);
    }

    /** v1 loaded and in both tiers; then the engine's data becomes v2, a second later. */
    private void cachedV1ThenEngineSaysV2() {
        engine.answerJson("{\"v\":1}");
        assertThat(body(reader.read(OVERVIEW_42))).isEqualTo("{\"v\":1}");
        clock.advance(Duration.ofSeconds(1));
        engine.answerJson("{\"v\":2}");
    }

    @Test
    void an_event_redis_cannot_record_is_kept_and_no_l2_value_from_before_it_is_read_until_it_is_applied() {
        EngineEventApplier applier = new EngineEventApplier(invalidator, new RecentAppliedEvents(100), 10);
        cachedV1ThenEngineSaysV2();
        l2.goDown();

        assertThat(applier.accept(detection("e-1"))).isEqualTo(Outcome.QUEUED);
        assertThat(applier.pendingEvents()).isEqualTo(1);
        assertThat(body(reader.read(OVERVIEW_42))).as("L1 dropped at once, L2 down: the engine").isEqualTo("{\"v\":2}");

        l2.comeBack();
        invalidator.onSharedTierRestored(); // the circuit closed: L1 flushed
        DashboardRead afterRedisCameBack = reader.read(OVERVIEW_42);
        assertThat(body(afterRedisCameBack)).as("L2 still holds v1, valid until the kept event is applied")
                .isEqualTo("{\"v\":2}");
        assertThat(l2.version(Scope.ofUser(DataType.OVERVIEW, U42))).isZero();

        assertThat(applier.replayPending()).isTrue();
        assertThat(applier.pendingEvents()).isZero();
        assertThat(l2.version(Scope.ofUser(DataType.OVERVIEW, U42))).as("the kept event, recorded").isEqualTo(1);
        l1.clear();
        assertThat(body(reader.read(OVERVIEW_42))).isEqualTo("{\"v\":2}");
    }

    @Test
    void kept_events_stay_kept_while_redis_still_fails_and_a_full_queue_refuses_without_dropping() {
        EngineEventApplier applier = new EngineEventApplier(invalidator, new RecentAppliedEvents(100), 1);
        l2.goDown();
        assertThat(applier.accept(detection("e-1"))).isEqualTo(Outcome.QUEUED);

        assertThatThrownBy(() -> applier.accept(detection("e-2"))).isInstanceOf(CacheTierUnavailableException.class);
        assertThatThrownBy(() -> applier.apply(detection("e-3"))).as("the stream's events are never kept")
                .isInstanceOf(CacheTierUnavailableException.class);
        assertThat(applier.replayPending()).as("Redis still down").isFalse();
        assertThat(applier.pendingEvents()).isEqualTo(1);
        assertThat(applier.refusedEvents()).isEqualTo(1);

        l2.comeBack();
        assertThat(applier.replayPending()).isTrue();
        assertThat(applier.accept(detection("e-2"))).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void an_engine_answer_loaded_while_l2_was_down_is_not_replaced_by_the_older_value_l2_still_holds() {
        cachedV1ThenEngineSaysV2();
        l2.goDown();
        l1.clear(); // its L1 entry expired
        assertThat(body(reader.read(OVERVIEW_42))).isEqualTo("{\"v\":2}");

        l2.comeBack();
        l1.clear();
        clock.advance(Duration.ofSeconds(1));
        DashboardRead afterwards = reader.read(OVERVIEW_42);

        assertThat(body(afterwards)).as("L2's v1 is older than what was served").isEqualTo("{\"v\":2}");
        assertThat(afterwards.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(new String(l2.stored(OVERVIEW_42).payload(), StandardCharsets.UTF_8)).as("written back")
                .isEqualTo("{\"v\":2}");
        l1.clear();
        DashboardRead fromL2 = reader.read(OVERVIEW_42);
        assertThat(fromL2.outcome()).isEqualTo(CacheOutcome.L2_HIT);
        assertThat(body(fromL2)).isEqualTo("{\"v\":2}");
    }

    @Test
    void l1_is_skipped_while_the_subscription_is_down_and_trusted_again_once_it_is_back_and_flushed() {
        cachedV1ThenEngineSaysV2();
        assertThat(reader.read(OVERVIEW_42).outcome()).isEqualTo(CacheOutcome.L1_HIT);

        invalidator.onConnectionLost();
        // another instance applied the event meanwhile: this one missed its broadcast
        l2.bumpVersions(Set.of(Scope.ofUser(DataType.OVERVIEW, U42)));
        DashboardRead whileLost = reader.read(OVERVIEW_42);
        assertThat(whileLost.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(body(whileLost)).isEqualTo("{\"v\":2}");
        assertThat(reader.read(OVERVIEW_42).outcome()).as("still not trusted").isNotEqualTo(CacheOutcome.L1_HIT);

        invalidator.onConnectionRestored();
        assertThat(reader.read(OVERVIEW_42).outcome()).isEqualTo(CacheOutcome.L2_HIT);
        DashboardRead trusted = reader.read(OVERVIEW_42);
        assertThat(trusted.outcome()).isEqualTo(CacheOutcome.L1_HIT);
        assertThat(body(trusted)).isEqualTo("{\"v\":2}");
    }
}
