package io.dashcache.application.invalidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.application.engine.CacheInvalidator;
import io.dashcache.application.engine.LocalFillGuard;
import io.dashcache.application.inmemory.RecentAppliedEvents;
import io.dashcache.application.port.in.invalidation.ApplyEngineEvent.Outcome;
import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.application.port.out.invalidation.AppliedEvents;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.application.testing.InMemoryLocalTier;
import io.dashcache.application.testing.InMemorySharedTier;
import io.dashcache.application.testing.RecordedInvalidations;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.EventType;
import io.dashcache.domain.InvalidationRule;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EngineEventApplierTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
    private static final UserId U42 = UserId.of("42");
    private static final CacheKey OVERVIEW_42 = CacheKey.forUser(DataType.OVERVIEW, U42);

    private final InMemoryLocalTier l1 = new InMemoryLocalTier();
    private final InMemorySharedTier l2 = new InMemorySharedTier();
    private final List<InvalidationMessage> published = new CopyOnWriteArrayList<>();
    private final RecordedInvalidations metrics = new RecordedInvalidations();
    private final RecentAppliedEvents applied = new RecentAppliedEvents(100);
    private final EngineEventApplier applier = new EngineEventApplier(
            new CacheInvalidator(l1, l2, published::add, new LocalFillGuard(), metrics, "instance-a"), applied);

    private static EngineEvent detection(String eventId) {
        return new EngineEvent(eventId, EventType.DETECTION_CREATED, U42, null, AT, "d-1", null);
    }

    private static EngineEvent eventOf(EventType type) {
        return new EngineEvent("e-" + type.ordinal(), type, type.needsUser() ? U42 : null, List.of(U42), AT, null,
                null);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void an_event_bumps_exactly_the_scopes_its_rule_names_and_is_remembered(EventType type) {
        EngineEvent event = eventOf(type);

        assertThat(applier.apply(event)).isEqualTo(Outcome.APPLIED);

        for (Scope scope : InvalidationRule.staleScopes(event)) {
            assertThat(l2.version(scope)).as("%s", scope).isEqualTo(1);
        }
        assertThat(published).containsExactly(
                InvalidationMessage.ofScopes("instance-a", InvalidationRule.staleScopes(event), event.eventId(),
                        event.occurredAt(), null));
        assertThat(metrics.invalidations)
                .containsExactly(type.wireName() + ":" + InvalidationRule.staleScopes(event).size());
        assertThat(applied.isApplied(event.eventId())).isTrue();
    }

    @Test
    void an_event_drops_the_stale_entries_from_l1() {
        l1.put(OVERVIEW_42, CacheEntry.loaded(new byte[] {'{', '}'}, AT, Duration.ofMinutes(5), Duration.ZERO, 0));

        applier.apply(detection("e-1"));

        assertThat(l1.getIfPresent(OVERVIEW_42)).isNull();
    }

    @Test
    void a_redelivered_event_is_a_duplicate_and_bumps_nothing_again() {
        assertThat(applier.apply(detection("e-1"))).isEqualTo(Outcome.APPLIED);

        assertThat(applier.apply(detection("e-1"))).isEqualTo(Outcome.DUPLICATE);
        assertThat(applier.apply(detection("e-1"))).isEqualTo(Outcome.DUPLICATE);

        assertThat(l2.version(OVERVIEW_42.scope())).isEqualTo(1);
        assertThat(published).hasSize(1);
        assertThat(metrics.invalidations).hasSize(1);
    }

    @Test
    void two_events_with_the_same_content_but_different_ids_are_both_applied() {
        assertThat(applier.apply(detection("e-1"))).isEqualTo(Outcome.APPLIED);
        assertThat(applier.apply(detection("e-2"))).isEqualTo(Outcome.APPLIED);

        assertThat(l2.version(OVERVIEW_42.scope())).isEqualTo(2);
    }

    @Test
    void when_l2_fails_the_event_is_not_remembered_and_the_failure_propagates_for_a_retry() {
        l2.goDown();

        assertThatThrownBy(() -> applier.apply(detection("e-1"))).isInstanceOf(CacheTierUnavailableException.class);
        assertThat(applied.isApplied("e-1")).isFalse();

        l2.comeBack();
        assertThat(applier.apply(detection("e-1"))).isEqualTo(Outcome.APPLIED);
        assertThat(l2.version(OVERVIEW_42.scope())).isEqualTo(1);
        assertThat(applied.isApplied("e-1")).isTrue();
    }

    @Test
    void an_applier_needs_an_invalidator_and_a_memory_of_applied_events() {
        CacheInvalidator invalidator = new CacheInvalidator(l1, l2, published::add, new LocalFillGuard(), metrics, "i");
        assertThatNullPointerException().isThrownBy(() -> new EngineEventApplier(null, applied));
        assertThatNullPointerException().isThrownBy(() -> new EngineEventApplier(invalidator, null));
    }

    @Test
    void an_event_from_the_stream_carries_its_entry_time_in_the_broadcast() {
        EngineEvent event = eventOf(EventType.values()[0]);
        java.time.Instant streamed = AT.plusMillis(120);

        assertThat(applier.apply(event, streamed)).isEqualTo(Outcome.APPLIED);

        assertThat(published).singleElement().satisfies(message -> {
            assertThat(message.occurredAt()).isEqualTo(AT);
            assertThat(message.streamedAt()).isEqualTo(streamed);
        });
    }

    /** L2 whose shard holding user 7 is away (its circuit open): it says so without I/O, and refuses. */
    private static final class OneShardAway implements SharedCacheTier {

        final InMemorySharedTier inner = new InMemorySharedTier();
        volatile boolean away = true;

        private boolean onAwayShard(Collection<? extends Scope> scopes) {
            return away && scopes.stream().anyMatch(scope -> scope.toString().contains("7"));
        }

        @Override
        public boolean reachable(Collection<? extends Scope> scopes) {
            return !onAwayShard(scopes);
        }

        @Override
        public Map<Scope, Long> bumpVersions(Collection<? extends Scope> scopes) {
            if (onAwayShard(scopes)) {
                throw new CacheTierUnavailableException("circuit OPEN for shard a:1", null);
            }
            return inner.bumpVersions(scopes);
        }

        @Override
        public SharedRead read(EntryKey key) {
            return inner.read(key);
        }

        @Override
        public boolean writeIfVersion(EntryKey key, CacheEntry entry, Duration ttl) {
            return inner.writeIfVersion(key, entry, ttl);
        }

        @Override
        public long deleteType(DataType type) {
            return inner.deleteType(type);
        }

        @Override
        public long deleteEverything() {
            return inner.deleteEverything();
        }
    }

    @Test
    void an_event_whose_scopes_live_on_healthy_shards_is_applied_at_once_while_one_for_a_shard_that_is_away_waits() {
        OneShardAway shards = new OneShardAway();
        List<InvalidationMessage> sent = new CopyOnWriteArrayList<>();
        EngineEventApplier kept = new EngineEventApplier(new CacheInvalidator(l1, shards, sent::add,
                new LocalFillGuard(), metrics, "instance-a"), applied, 10);
        EngineEvent forSeven = new EngineEvent("e-7", EventType.DETECTION_CREATED, UserId.of("7"), null, AT, "d-1", null);
        EngineEvent for42 = new EngineEvent("e-42", EventType.DETECTION_CREATED, U42, null, AT, "d-2", null);

        assertThat(kept.accept(forSeven)).isEqualTo(Outcome.QUEUED);
        assertThat(shards.inner.version(Scope.global(DataType.ANALYTICS)))
                .as("its scopes on healthy shards are recorded at once").isEqualTo(1);
        assertThat(sent).singleElement().satisfies(message -> assertThat(message.scopes())
                .as("user 7's scopes are kept, not tried").noneMatch(scope -> scope.toString().contains("7")));
        assertThat(kept.accept(for42)).as("not queued behind user 7's event").isEqualTo(Outcome.APPLIED);
        assertThat(shards.inner.version(Scope.ofUser(DataType.OVERVIEW, U42))).isEqualTo(1);
        assertThat(kept.replayPending()).as("user 7's shard is still away").isFalse();
        assertThat(kept.pendingEvents()).isEqualTo(1);

        shards.away = false;
        assertThat(kept.replayPending()).isTrue();
        assertThat(shards.inner.version(Scope.ofUser(DataType.OVERVIEW, UserId.of("7")))).isEqualTo(1);
        assertThat(shards.inner.version(Scope.global(DataType.ANALYTICS))).as("once per event: the replay records only what was kept")
                .isEqualTo(2);
        assertThat(applied.isApplied("e-7")).isTrue();
        assertThat(kept.pendingEvents()).isZero();
    }

    @Test
    void an_applied_marker_that_cannot_be_read_or_written_does_not_keep_the_event_from_being_applied() {
        AppliedEvents markersAway = new AppliedEvents() {
            @Override
            public boolean isApplied(String eventId) {
                throw new CacheTierUnavailableException("circuit OPEN for shard b:1", null);
            }

            @Override
            public void markApplied(String eventId) {
                throw new CacheTierUnavailableException("circuit OPEN for shard b:1", null);
            }
        };
        EngineEventApplier unmarked = new EngineEventApplier(new CacheInvalidator(l1, l2, published::add,
                new LocalFillGuard(), metrics, "instance-a"), markersAway, 10);

        assertThat(unmarked.accept(detection("e-1"))).isEqualTo(Outcome.APPLIED);
        assertThat(l2.version(OVERVIEW_42.scope())).isEqualTo(1);
        assertThat(unmarked.pendingEvents()).isZero();
    }
}
