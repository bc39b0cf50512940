package io.dashcache.application.invalidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.application.engine.CacheInvalidator;
import io.dashcache.application.engine.LocalFillGuard;
import io.dashcache.application.inmemory.RecentAppliedEvents;
import io.dashcache.application.port.in.invalidation.ApplyEngineEvent.Outcome;
import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.testing.InMemoryLocalTier;
import io.dashcache.application.testing.InMemorySharedTier;
import io.dashcache.application.testing.RecordedInvalidations;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.EventType;
import io.dashcache.domain.InvalidationRule;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
}
