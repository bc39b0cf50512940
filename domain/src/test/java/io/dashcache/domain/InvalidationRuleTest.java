package io.dashcache.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One test per row of the rule's table, each asserting the exact set of stale scopes. */
class InvalidationRuleTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
    private static final UserId U42 = UserId.of("42");
    private static final UserId U7 = UserId.of("7");

    private static EngineEvent event(EventType type, UserId user, List<UserId> users) {
        return new EngineEvent("e-1", type, user, users, AT, null, null);
    }

    private static DashboardScope of(DataType type, UserId user) {
        return Scope.ofUser(type, user);
    }

    private static DashboardScope global(DataType type) {
        return Scope.global(type);
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"DETECTION_CREATED", "DETECTION_UPDATED", "DETECTION_DELETED"})
    void a_detection_makes_the_users_detection_views_and_all_analytics_stale(EventType type) {
        assertThat(InvalidationRule.staleScopes(event(type, U42, null))).containsExactlyInAnyOrder(
                of(DataType.OVERVIEW, U42), of(DataType.RECENT_ACTIVITY, U42), of(DataType.NOTIFICATIONS, U42),
                of(DataType.WIDGET_DATA, U42), global(DataType.ANALYTICS), global(DataType.AGGREGATED_ANALYTICS));
    }

    @Test
    void a_detection_leaves_preferences_system_status_and_performance_metrics_alone() {
        Set<DashboardScope> stale = InvalidationRule.staleScopes(event(EventType.DETECTION_CREATED, U42, null));

        assertThat(stale).doesNotContain(of(DataType.USER_PREFERENCES, U42), global(DataType.SYSTEM_STATUS),
                global(DataType.PERFORMANCE_METRICS));
    }

    @Test
    void a_completed_batch_makes_analytics_metrics_and_each_listed_users_detection_views_stale() {
        assertThat(InvalidationRule.staleScopes(event(EventType.BATCH_COMPLETED, null, List.of(U42, U7))))
                .containsExactlyInAnyOrder(
                        global(DataType.ANALYTICS), global(DataType.AGGREGATED_ANALYTICS),
                        global(DataType.PERFORMANCE_METRICS),
                        of(DataType.OVERVIEW, U42), of(DataType.RECENT_ACTIVITY, U42), of(DataType.WIDGET_DATA, U42),
                        of(DataType.OVERVIEW, U7), of(DataType.RECENT_ACTIVITY, U7), of(DataType.WIDGET_DATA, U7));
    }

    @Test
    void a_completed_batch_without_users_makes_only_the_global_scopes_stale() {
        assertThat(InvalidationRule.staleScopes(event(EventType.BATCH_COMPLETED, null, List.of())))
                .containsExactlyInAnyOrder(global(DataType.ANALYTICS), global(DataType.AGGREGATED_ANALYTICS),
                        global(DataType.PERFORMANCE_METRICS));
    }

    @Test
    void a_completed_batch_also_covers_its_single_user_once_even_when_listed_again() {
        Set<DashboardScope> stale = InvalidationRule.staleScopes(event(EventType.BATCH_COMPLETED, U42, List.of(U42, U7, U7)));

        assertThat(stale).containsExactlyInAnyOrder(
                global(DataType.ANALYTICS), global(DataType.AGGREGATED_ANALYTICS), global(DataType.PERFORMANCE_METRICS),
                of(DataType.OVERVIEW, U42), of(DataType.RECENT_ACTIVITY, U42), of(DataType.WIDGET_DATA, U42),
                of(DataType.OVERVIEW, U7), of(DataType.RECENT_ACTIVITY, U7), of(DataType.WIDGET_DATA, U7));
    }

    @Test
    void a_completed_batch_leaves_notifications_and_preferences_of_its_users_alone() {
        Set<DashboardScope> stale = InvalidationRule.staleScopes(event(EventType.BATCH_COMPLETED, null, List.of(U42)));

        assertThat(stale).doesNotContain(of(DataType.NOTIFICATIONS, U42), of(DataType.USER_PREFERENCES, U42),
                global(DataType.SYSTEM_STATUS));
    }

    @Test
    void the_largest_batch_names_three_scopes_per_user_plus_three_globals() {
        List<UserId> users = IntStream.range(0, EngineEvent.MAX_BATCH_USERS).mapToObj(i -> UserId.of("u" + i)).toList();

        assertThat(InvalidationRule.staleScopes(event(EventType.BATCH_COMPLETED, null, users)))
                .hasSize(3 * EngineEvent.MAX_BATCH_USERS + 3);
    }

    @Test
    void updated_preferences_make_the_users_preferences_and_widgets_stale() {
        assertThat(InvalidationRule.staleScopes(event(EventType.PREFERENCES_UPDATED, U42, null)))
                .containsExactlyInAnyOrder(of(DataType.USER_PREFERENCES, U42), of(DataType.WIDGET_DATA, U42));
    }

    @Test
    void a_changed_system_status_makes_only_the_system_status_stale() {
        assertThat(InvalidationRule.staleScopes(event(EventType.SYSTEM_STATUS_CHANGED, null, null)))
                .containsExactly(global(DataType.SYSTEM_STATUS));
    }

    @Test
    void updated_performance_metrics_make_only_the_performance_metrics_stale() {
        assertThat(InvalidationRule.staleScopes(event(EventType.PERFORMANCE_METRICS_UPDATED, null, null)))
                .containsExactly(global(DataType.PERFORMANCE_METRICS));
    }

    @Test
    void a_global_event_ignores_a_user_it_happens_to_name() {
        assertThat(InvalidationRule.staleScopes(event(EventType.SYSTEM_STATUS_CHANGED, U42, List.of(U7))))
                .containsExactly(global(DataType.SYSTEM_STATUS));
    }

    @Test
    void a_created_notification_makes_only_the_users_notifications_stale() {
        assertThat(InvalidationRule.staleScopes(event(EventType.NOTIFICATION_CREATED, U42, null)))
                .containsExactly(of(DataType.NOTIFICATIONS, U42));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void a_per_user_event_touches_no_other_user(EventType type) {
        UserId user = type.needsUser() ? U42 : null;

        assertThat(InvalidationRule.staleScopes(event(type, user, null)))
                .allSatisfy(scope -> assertThat(scope.user()).isIn(U42, null))
                .isNotEmpty();
    }

    @Test
    void all_of_a_user_is_every_per_user_scope_of_that_user() {
        assertThat(InvalidationRule.allOfUser(U42)).containsExactlyInAnyOrder(
                of(DataType.OVERVIEW, U42), of(DataType.USER_PREFERENCES, U42), of(DataType.RECENT_ACTIVITY, U42),
                of(DataType.NOTIFICATIONS, U42), of(DataType.WIDGET_DATA, U42));
    }
}
