package io.dashcache.application.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.application.port.in.invalidation.InvalidateCache.Summary;
import io.dashcache.application.port.in.invalidation.InvalidationRequest;
import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.application.port.out.invalidation.InvalidationBroadcast;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.testing.InMemoryLocalTier;
import io.dashcache.application.testing.InMemorySharedTier;
import io.dashcache.application.testing.RecordedInvalidations;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DashboardScope;
import io.dashcache.domain.DataType;
import io.dashcache.domain.InvalidInputException;
import io.dashcache.domain.InvalidationRule;
import io.dashcache.domain.Period;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CacheInvalidatorTest {

    private static final String ME = "instance-a";
    private static final UserId U42 = UserId.of("42");
    private static final UserId U7 = UserId.of("7");
    private static final CacheKey OVERVIEW_42 = CacheKey.forUser(DataType.OVERVIEW, U42);
    private static final CacheKey OVERVIEW_7 = CacheKey.forUser(DataType.OVERVIEW, U7);
    private static final CacheKey PREFERENCES_42 = CacheKey.forUser(DataType.USER_PREFERENCES, U42);
    private static final CacheKey NOTIFICATIONS_42 = CacheKey.forUser(DataType.NOTIFICATIONS, U42);
    private static final CacheKey NOTIFICATIONS_7 = CacheKey.forUser(DataType.NOTIFICATIONS, U7);
    private static final CacheKey HEATMAP_42 = CacheKey.widget(U42, WidgetType.of("heatmap"));
    private static final CacheKey ANALYTICS_7D = CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_WEEK);
    private static final CacheKey ANALYTICS_30D = CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_MONTH);
    private static final CacheKey SYSTEM_STATUS = CacheKey.global(DataType.SYSTEM_STATUS);
    private static final List<CacheKey> ALL_KEYS = List.of(OVERVIEW_42, OVERVIEW_7, PREFERENCES_42, NOTIFICATIONS_42,
            NOTIFICATIONS_7, HEATMAP_42, ANALYTICS_7D, ANALYTICS_30D, SYSTEM_STATUS);

    private final InMemoryLocalTier l1 = new InMemoryLocalTier();
    private final InMemorySharedTier l2 = new InMemorySharedTier();
    private final List<InvalidationMessage> published = new CopyOnWriteArrayList<>();
    private final LocalFillGuard guard = new LocalFillGuard();
    private final RecordedInvalidations metrics = new RecordedInvalidations();
    private final CacheInvalidator invalidator = new CacheInvalidator(l1, l2, published::add, guard, metrics, ME);

    @BeforeEach
    void cacheEveryKeyInBothTiers() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        for (CacheKey key : ALL_KEYS) {
            CacheEntry entry = CacheEntry.loaded(("{\"key\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8), now,
                    Duration.ofMinutes(5), Duration.ofMinutes(1), 0);
            l1.put(key, entry);
            assertThat(l2.writeIfVersion(key, entry, Duration.ofMinutes(6))).isTrue();
        }
    }

    private List<CacheKey> inL1() {
        return ALL_KEYS.stream().filter(key -> l1.getIfPresent(key) != null).toList();
    }

    private List<CacheKey> inL2() {
        return ALL_KEYS.stream().filter(key -> l2.stored(key) != null).toList();
    }

    private List<CacheKey> allBut(CacheKey... gone) {
        Set<CacheKey> dropped = Set.of(gone);
        return ALL_KEYS.stream().filter(key -> !dropped.contains(key)).toList();
    }

    private static Set<DashboardScope> perUserScopes(UserId user) {
        return InvalidationRule.allOfUser(user);
    }

    // ---- invalidating scopes (events and writes)

    @Test
    void invalidating_scopes_bumps_exactly_their_versions_in_l2() {
        invalidator.invalidateScopes(Set.of(OVERVIEW_42.scope(), ANALYTICS_7D.scope()), "detection.created");

        for (CacheKey key : ALL_KEYS) {
            boolean bumped = key.scope().equals(OVERVIEW_42.scope()) || key.scope().equals(ANALYTICS_7D.scope());
            assertThat(l2.version(key.scope())).as("%s", key).isEqualTo(bumped ? 1 : 0);
        }
        assertThat(l2.read(OVERVIEW_42).entry()).as("a value of the old version is dead").isNull();
        assertThat(l2.read(ANALYTICS_30D).entry()).isNull();
        assertThat(l2.read(OVERVIEW_7).entry()).isNotNull();
    }

    @Test
    void invalidating_scopes_drops_exactly_their_entries_from_l1() {
        invalidator.invalidateScopes(Set.of(OVERVIEW_42.scope(), ANALYTICS_7D.scope()), "detection.created");

        assertThat(inL1()).containsExactlyElementsOf(allBut(OVERVIEW_42, ANALYTICS_7D, ANALYTICS_30D));
    }

    @Test
    void invalidating_scopes_publishes_one_message_naming_them() {
        Set<Scope> scopes = Set.of(OVERVIEW_42.scope(), HEATMAP_42.scope());

        invalidator.invalidateScopes(scopes, "preferences.updated");

        assertThat(published).containsExactly(new InvalidationMessage(ME, scopes, Set.of(), false));
    }

    @Test
    void invalidating_scopes_is_recorded_by_cause_and_count() {
        invalidator.invalidateScopes(Set.of(OVERVIEW_42.scope(), NOTIFICATIONS_42.scope(), SYSTEM_STATUS.scope()),
                "write");

        assertThat(metrics.invalidations).containsExactly("write:3");
        assertThat(metrics.tierErrors).isEmpty();
    }

    @Test
    void invalidating_a_scope_moves_its_fill_guard_stamp() {
        long before = guard.stamp(OVERVIEW_42.scope());

        invalidator.invalidateScopes(Set.of(OVERVIEW_42.scope()), "detection.created");

        assertThat(guard.unchangedSince(OVERVIEW_42.scope(), before)).isFalse();
    }

    @Test
    void invalidating_a_scope_twice_bumps_it_twice() {
        invalidator.invalidateScopes(Set.of(OVERVIEW_42.scope()), "detection.created");
        invalidator.invalidateScopes(Set.of(OVERVIEW_42.scope()), "detection.updated");

        assertThat(l2.version(OVERVIEW_42.scope())).isEqualTo(2);
        assertThat(published).hasSize(2);
    }

    @Test
    void a_failing_broadcast_fails_the_invalidation_so_it_is_retried_after_l2_and_l1_moved() {
        InvalidationBroadcast broken = message -> {
            throw new IllegalStateException("pub/sub down (test)");
        };
        CacheInvalidator withBrokenBroadcast = new CacheInvalidator(l1, l2, broken, guard, metrics, ME);

        assertThatThrownBy(() -> withBrokenBroadcast.invalidateScopes(Set.of(OVERVIEW_42.scope()), "detection.created"))
                .isInstanceOf(CacheTierUnavailableException.class)
                .hasMessageContaining("broadcast")
                .hasMessageContaining("pub/sub down (test)");

        assertThat(l2.version(OVERVIEW_42.scope())).isEqualTo(1);
        assertThat(inL1()).containsExactlyElementsOf(allBut(OVERVIEW_42));
        assertThat(metrics.tierErrors).containsExactly("publish");
        assertThat(metrics.invalidations).as("not counted as applied").isEmpty();
    }

    @Test
    void a_failing_l2_fails_the_invalidation_but_l1_is_dropped_and_the_message_sent_anyway() {
        l2.goDown();

        assertThatThrownBy(() -> invalidator.invalidateScopes(Set.of(OVERVIEW_42.scope()), "detection.created"))
                .isInstanceOf(CacheTierUnavailableException.class);

        assertThat(inL1()).containsExactlyElementsOf(allBut(OVERVIEW_42));
        assertThat(published).containsExactly(InvalidationMessage.ofScopes(ME, Set.of(OVERVIEW_42.scope())));
        assertThat(metrics.invalidations).as("not counted as applied").isEmpty();
        l2.comeBack();
        assertThat(l2.version(OVERVIEW_42.scope())).isZero();
    }

    // ---- the operator's requests

    @Test
    void with_l2_down_an_operator_invalidation_of_a_type_still_drops_this_instances_l1() {
        l2.goDown();

        assertThatThrownBy(() -> invalidator.invalidate(InvalidationRequest.type(DataType.OVERVIEW)))
                .isInstanceOf(CacheTierUnavailableException.class);

        assertThat(inL1()).noneMatch(key -> key.type() == DataType.OVERVIEW);
        assertThat(published).as("before and after the walk of L2")
                .containsExactly(InvalidationMessage.ofType(ME, DataType.OVERVIEW), InvalidationMessage.ofType(ME, DataType.OVERVIEW));
    }

    @Test
    void an_operator_invalidation_whose_broadcast_fails_is_done_here_and_in_l2_but_reported_as_failed() {
        InvalidationBroadcast broken = message -> {
            throw new IllegalStateException("pub/sub down (test)");
        };
        CacheInvalidator withBrokenBroadcast = new CacheInvalidator(l1, l2, broken, guard, metrics, ME);

        assertThatThrownBy(() -> withBrokenBroadcast.invalidate(InvalidationRequest.type(DataType.OVERVIEW)))
                .isInstanceOf(CacheTierUnavailableException.class)
                .hasMessageContaining("broadcast");
        assertThatThrownBy(() -> withBrokenBroadcast.invalidate(InvalidationRequest.allEntries()))
                .isInstanceOf(CacheTierUnavailableException.class)
                .hasMessageContaining("broadcast");

        assertThat(inL1()).isEmpty();
        assertThat(l2.version(Scope.global(DataType.SYSTEM_STATUS))).as("globals bumped in L2").isEqualTo(1);
        assertThat(metrics.invalidations).as("not counted as done").isEmpty();
    }

    @Test
    void with_l2_down_invalidating_everything_still_clears_this_instances_l1() {
        l2.goDown();

        assertThatThrownBy(() -> invalidator.invalidate(InvalidationRequest.allEntries()))
                .isInstanceOf(CacheTierUnavailableException.class);

        assertThat(inL1()).isEmpty();
        assertThat(published).as("before and after the walk of L2")
                .containsExactly(InvalidationMessage.ofEverything(ME), InvalidationMessage.ofEverything(ME));
    }

    @Test
    void invalidating_a_user_makes_every_per_user_scope_of_that_user_stale_and_nothing_else() {
        Summary summary = invalidator.invalidate(InvalidationRequest.user(U42));

        assertThat(summary).isEqualTo(new Summary(5, 0));
        for (Scope scope : perUserScopes(U42)) {
            assertThat(l2.version(scope)).as("%s", scope).isEqualTo(1);
        }
        assertThat(l2.version(OVERVIEW_7.scope())).isZero();
        assertThat(l2.version(ANALYTICS_7D.scope())).isZero();
        assertThat(inL1()).containsExactlyElementsOf(allBut(OVERVIEW_42, PREFERENCES_42, NOTIFICATIONS_42, HEATMAP_42));
        assertThat(published).containsExactly(InvalidationMessage.ofScopes(ME, perUserScopes(U42)));
        assertThat(metrics.invalidations).containsExactly("operator:5");
    }

    @Test
    void invalidating_one_per_user_type_of_a_user_makes_only_that_scope_stale() {
        Summary summary = invalidator.invalidate(InvalidationRequest.userAndType(U42, DataType.NOTIFICATIONS));

        assertThat(summary).isEqualTo(new Summary(1, 0));
        assertThat(l2.version(NOTIFICATIONS_42.scope())).isEqualTo(1);
        assertThat(l2.version(OVERVIEW_42.scope())).isZero();
        assertThat(l2.version(NOTIFICATIONS_7.scope())).isZero();
        assertThat(inL1()).containsExactlyElementsOf(allBut(NOTIFICATIONS_42));
        assertThat(published).containsExactly(InvalidationMessage.ofScopes(ME, Set.of(NOTIFICATIONS_42.scope())));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"ANALYTICS", "SYSTEM_STATUS", "PERFORMANCE_METRICS",
            "AGGREGATED_ANALYTICS"})
    void invalidating_a_global_type_bumps_its_one_version(DataType type) {
        Summary summary = invalidator.invalidate(InvalidationRequest.type(type));

        assertThat(summary).isEqualTo(new Summary(1, 0));
        assertThat(l2.version(Scope.global(type))).isEqualTo(1);
        assertThat(inL1()).containsExactlyElementsOf(ALL_KEYS.stream().filter(key -> key.type() != type).toList());
        assertThat(inL2()).containsExactlyElementsOf(ALL_KEYS);
        assertThat(published).containsExactly(InvalidationMessage.ofScopes(ME, Set.of(Scope.global(type))));
    }

    @Test
    void invalidating_a_per_user_type_deletes_it_for_every_user_in_both_tiers() {
        long stampOfAnother = guard.stamp(OVERVIEW_7.scope());

        Summary summary = invalidator.invalidate(InvalidationRequest.type(DataType.NOTIFICATIONS));

        assertThat(summary).isEqualTo(new Summary(0, 2));
        assertThat(inL2()).containsExactlyElementsOf(allBut(NOTIFICATIONS_42, NOTIFICATIONS_7));
        assertThat(inL1()).containsExactlyElementsOf(allBut(NOTIFICATIONS_42, NOTIFICATIONS_7));
        assertThat(l2.version(NOTIFICATIONS_42.scope())).isZero();
        assertThat(published).as("before and after the walk of L2").containsExactly(
                InvalidationMessage.ofType(ME, DataType.NOTIFICATIONS), InvalidationMessage.ofType(ME, DataType.NOTIFICATIONS));
        assertThat(guard.unchangedSince(OVERVIEW_7.scope(), stampOfAnother))
                .as("a type-wide invalidation moves every stripe").isFalse();
        assertThat(metrics.invalidations).containsExactly("operator:0");
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"ANALYTICS", "SYSTEM_STATUS", "PERFORMANCE_METRICS",
            "AGGREGATED_ANALYTICS"})
    void a_user_with_a_global_type_is_refused_and_changes_nothing(DataType type) {
        assertThatThrownBy(() -> invalidator.invalidate(InvalidationRequest.userAndType(U42, type)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("type");
                    assertThat(e.getMessage()).isEqualTo(type.segment()
                            + " is the same for every user: invalidate it without a userId");
                });

        assertThat(inL1()).containsExactlyElementsOf(ALL_KEYS);
        assertThat(l2.version(Scope.global(type))).isZero();
        assertThat(published).isEmpty();
    }

    @Test
    void invalidating_everything_deletes_per_user_values_bumps_globals_and_clears_l1() {
        long perUserValues = ALL_KEYS.stream().filter(key -> key.scope().isPerUser()).count();

        Summary summary = invalidator.invalidate(InvalidationRequest.allEntries());

        assertThat(summary).isEqualTo(new Summary(4, perUserValues));
        assertThat(inL2()).allMatch(key -> !key.scope().isPerUser());
        for (DataType type : DataType.values()) {
            if (!type.scopeKind().isPerUser()) {
                assertThat(l2.version(Scope.global(type))).as("%s", type).isEqualTo(1);
            }
        }
        assertThat(Stream.of(ANALYTICS_7D, ANALYTICS_30D, SYSTEM_STATUS).map(key -> l2.read(key).entry()))
                .as("global values are dead under their new versions").containsOnlyNulls();
        assertThat(l1.size()).isZero();
        assertThat(published).as("before and after the walk of L2")
                .containsExactly(InvalidationMessage.ofEverything(ME), InvalidationMessage.ofEverything(ME));
        assertThat(metrics.invalidations).containsExactly("operator:4");
    }

    // ---- broadcasts from other instances

    @Test
    void a_received_scope_message_drops_those_l1_entries_and_touches_neither_l2_nor_the_broadcast() {
        invalidator.onInvalidation(InvalidationMessage.ofScopes("instance-b",
                Set.of(OVERVIEW_42.scope(), SYSTEM_STATUS.scope())));

        assertThat(inL1()).containsExactlyElementsOf(allBut(OVERVIEW_42, SYSTEM_STATUS));
        assertThat(inL2()).containsExactlyElementsOf(ALL_KEYS);
        assertThat(l2.version(OVERVIEW_42.scope())).isZero();
        assertThat(published).as("no echo").isEmpty();
    }

    @Test
    void a_received_type_message_drops_every_l1_entry_of_those_types() {
        invalidator.onInvalidation(new InvalidationMessage("instance-b", Set.of(),
                Set.of(DataType.NOTIFICATIONS, DataType.ANALYTICS), false));

        assertThat(inL1()).containsExactlyElementsOf(
                allBut(NOTIFICATIONS_42, NOTIFICATIONS_7, ANALYTICS_7D, ANALYTICS_30D));
        assertThat(published).isEmpty();
    }

    @Test
    void a_received_message_with_types_and_scopes_drops_both() {
        invalidator.onInvalidation(new InvalidationMessage("instance-b", Set.of(HEATMAP_42.scope()),
                Set.of(DataType.SYSTEM_STATUS), false));

        assertThat(inL1()).containsExactlyElementsOf(allBut(HEATMAP_42, SYSTEM_STATUS));
    }

    @Test
    void a_received_everything_message_clears_l1_and_moves_every_stripe() {
        long stamp = guard.stamp(OVERVIEW_7.scope());

        invalidator.onInvalidation(InvalidationMessage.ofEverything("instance-b"));

        assertThat(l1.size()).isZero();
        assertThat(inL2()).containsExactlyElementsOf(ALL_KEYS);
        assertThat(guard.unchangedSince(OVERVIEW_7.scope(), stamp)).isFalse();
        assertThat(published).isEmpty();
    }

    @Test
    void a_received_scope_message_moves_the_stamps_of_those_scopes() {
        long stamp = guard.stamp(NOTIFICATIONS_7.scope());

        invalidator.onInvalidation(InvalidationMessage.ofScopes("instance-b", Set.of(NOTIFICATIONS_7.scope())));

        assertThat(guard.unchangedSince(NOTIFICATIONS_7.scope(), stamp)).isFalse();
    }

    @Test
    void this_instances_own_broadcast_coming_back_drops_l1_again_but_keeps_the_stamps_of_loads_begun_since() {
        invalidator.invalidate(InvalidationRequest.allEntries());
        long scopeStamp = guard.stamp(NOTIFICATIONS_7.scope());
        long everythingStamp = guard.stamp(OVERVIEW_42.scope());
        l1.put(OVERVIEW_42, CacheEntry.loaded("{\"loaded\":\"after the invalidation\"}".getBytes(StandardCharsets.UTF_8),
                Instant.parse("2026-11-25T10:00:01Z"), Duration.ofMinutes(5), Duration.ofMinutes(1), 0));

        invalidator.onInvalidation(InvalidationMessage.ofScopes(ME, Set.of(NOTIFICATIONS_7.scope())));
        invalidator.onInvalidation(InvalidationMessage.ofEverything(ME));

        assertThat(l1.size()).as("dropping is always safe").isZero();
        assertThat(guard.unchangedSince(NOTIFICATIONS_7.scope(), scopeStamp)).isTrue();
        assertThat(guard.unchangedSince(OVERVIEW_42.scope(), everythingStamp)).isTrue();
    }

    @Test
    void this_instances_own_scope_broadcast_coming_back_keeps_what_l1_loaded_since_the_invalidation() {
        invalidator.invalidateScopes(Set.of(OVERVIEW_42.scope()), "test", "e-1");
        // a refresh on invalidation's value, loaded after the invalidation (its fill passed the guard)
        l1.put(OVERVIEW_42, CacheEntry.loaded("{\"loaded\":\"after the invalidation\"}".getBytes(StandardCharsets.UTF_8),
                Instant.parse("2026-11-25T10:00:01Z"), Duration.ofMinutes(5), Duration.ofMinutes(1), 1));

        invalidator.onInvalidation(InvalidationMessage.ofScopes(ME, Set.of(OVERVIEW_42.scope()), "e-1"));

        assertThat(l1.getIfPresent(OVERVIEW_42)).as("the refreshed value stays: the next read is an L1 hit").isNotNull();
    }

    @Test
    void a_restored_connection_clears_l1_because_messages_may_have_been_missed() {
        long stamp = guard.stamp(OVERVIEW_42.scope());

        invalidator.onConnectionRestored();

        assertThat(l1.size()).isZero();
        assertThat(guard.unchangedSince(OVERVIEW_42.scope(), stamp)).isFalse();
        assertThat(inL2()).containsExactlyElementsOf(ALL_KEYS);
        assertThat(published).isEmpty();
    }

    @Test
    void every_collaborator_is_required() {
        InvalidationBroadcast broadcast = published::add;
        assertThatNullPointerException()
                .isThrownBy(() -> new CacheInvalidator(null, l2, broadcast, guard, CacheMetrics.NONE, ME));
        assertThatNullPointerException()
                .isThrownBy(() -> new CacheInvalidator(l1, null, broadcast, guard, CacheMetrics.NONE, ME));
        assertThatNullPointerException()
                .isThrownBy(() -> new CacheInvalidator(l1, l2, null, guard, CacheMetrics.NONE, ME));
        assertThatNullPointerException()
                .isThrownBy(() -> new CacheInvalidator(l1, l2, broadcast, null, CacheMetrics.NONE, ME));
        assertThatNullPointerException().isThrownBy(() -> new CacheInvalidator(l1, l2, broadcast, guard, null, ME));
        assertThatNullPointerException()
                .isThrownBy(() -> new CacheInvalidator(l1, l2, broadcast, guard, CacheMetrics.NONE, null));
    }

    private final io.dashcache.application.testing.MutableClock clock =
            io.dashcache.application.testing.MutableClock.at("2026-11-25T10:00:10Z");
    /** An invalidator on the fake clock, for the lags. */
    private final CacheInvalidator timed = new CacheInvalidator(l1, l2, published::add, guard, metrics, ME,
            InvalidationListener.NONE, clock);

    @Test
    void an_events_lag_is_measured_to_the_bump_here_and_to_the_broadcast_heard_on_every_instance() {
        Instant occurred = Instant.parse("2026-11-25T10:00:08.500Z");
        Instant streamed = Instant.parse("2026-11-25T10:00:09.750Z");

        timed.invalidateScopes(Set.of(OVERVIEW_42.scope()), "detection_created", "e-1", occurred, streamed);

        assertThat(metrics.lags).containsExactly("occurred_to_bumped=1500", "stream_to_bumped=250");
        InvalidationMessage sent = published.get(0);
        assertThat(sent.occurredAt()).isEqualTo(occurred);
        assertThat(sent.streamedAt()).isEqualTo(streamed);

        clock.advance(Duration.ofMillis(40));
        timed.onInvalidation(sent); // its own broadcast coming back
        timed.onInvalidation(new InvalidationMessage("instance-b", Set.of(OVERVIEW_7.scope()), Set.of(), false, "e-2",
                occurred, null)); // the webhook's: no stream entry

        assertThat(metrics.lags).containsExactly("occurred_to_bumped=1500", "stream_to_bumped=250",
                "occurred_to_heard=1540", "stream_to_heard=290", "occurred_to_heard=1540");
    }

    @Test
    void no_lag_without_event_times_and_none_below_zero_when_a_clock_runs_ahead() {

        timed.invalidateScopes(Set.of(OVERVIEW_42.scope()), "operator");
        timed.onInvalidation(new InvalidationMessage("instance-b", Set.of(OVERVIEW_7.scope()), Set.of(), false));
        timed.invalidateScopes(Set.of(OVERVIEW_42.scope()), "detection_created", "e-3",
                Instant.parse("2026-11-25T10:00:11Z"), null);

        assertThat(metrics.lags).containsExactly("occurred_to_bumped=0");
    }

    @Test
    void a_failed_bump_measures_no_lag_to_it() {
        l2.goDown();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> timed.invalidateScopes(Set.of(OVERVIEW_42.scope()),
                "detection_created", "e-4", Instant.parse("2026-11-25T10:00:09Z"), null))
                .isInstanceOf(io.dashcache.application.port.out.reading.CacheTierUnavailableException.class);

        assertThat(metrics.lags).isEmpty();
    }
}
