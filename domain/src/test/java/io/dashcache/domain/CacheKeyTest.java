package io.dashcache.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CacheKeyTest {

    private static final UserId U42 = UserId.of("42");
    private static final WidgetType HEATMAP = WidgetType.of("heatmap");

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"OVERVIEW", "USER_PREFERENCES", "RECENT_ACTIVITY", "NOTIFICATIONS"})
    void a_per_user_key_carries_its_user_only(DataType type) {
        CacheKey key = CacheKey.forUser(type, U42);

        assertThat(key.type()).isEqualTo(type);
        assertThat(key.user()).isEqualTo(U42);
        assertThat(key.period()).isNull();
        assertThat(key.widget()).isNull();
        assertThat(key.scope()).isEqualTo(Scope.ofUser(type, U42));
        assertThat(key).hasToString(type.segment() + ":user:42");
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"SYSTEM_STATUS", "PERFORMANCE_METRICS"})
    void a_global_key_carries_nothing_but_its_type(DataType type) {
        CacheKey key = CacheKey.global(type);

        assertThat(key).isEqualTo(new CacheKey(type, null, null, null));
        assertThat(key.scope()).isEqualTo(Scope.global(type));
        assertThat(key).hasToString(type.segment());
    }

    static Stream<Arguments> periodKeys() {
        return Stream.of(DataType.ANALYTICS, DataType.AGGREGATED_ANALYTICS)
                .flatMap(type -> Stream.of(Period.values()).map(period -> Arguments.of(type, period)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("periodKeys")
    void a_period_key_carries_its_period_and_belongs_to_the_global_scope_of_its_type(DataType type, Period period) {
        CacheKey key = CacheKey.forPeriod(type, period);

        assertThat(key.period()).isEqualTo(period);
        assertThat(key.user()).isNull();
        assertThat(key.scope()).isEqualTo(Scope.global(type));
        assertThat(key).hasToString(type.segment() + ":" + period.code());
    }

    @Test
    void a_widget_key_carries_user_and_widget_and_belongs_to_the_users_widget_scope() {
        CacheKey key = CacheKey.widget(U42, HEATMAP);

        assertThat(key.type()).isEqualTo(DataType.WIDGET_DATA);
        assertThat(key.user()).isEqualTo(U42);
        assertThat(key.widget()).isEqualTo(HEATMAP);
        assertThat(key.period()).isNull();
        assertThat(key.scope()).isEqualTo(Scope.ofUser(DataType.WIDGET_DATA, U42));
        assertThat(key).hasToString("widget_data:user:42:heatmap");
    }

    @Test
    void two_widgets_of_one_user_are_two_keys_of_one_scope() {
        CacheKey heatmap = CacheKey.widget(U42, HEATMAP);
        CacheKey grid = CacheKey.widget(U42, WidgetType.of("camera-grid"));

        assertThat(heatmap).isNotEqualTo(grid);
        assertThat(heatmap.scope()).isEqualTo(grid.scope());
    }

    @Test
    void keys_are_values_equal_by_content() {
        assertThat(CacheKey.forUser(DataType.OVERVIEW, UserId.of("42")))
                .isEqualTo(CacheKey.forUser(DataType.OVERVIEW, U42))
                .hasSameHashCodeAs(CacheKey.forUser(DataType.OVERVIEW, U42))
                .isNotEqualTo(CacheKey.forUser(DataType.OVERVIEW, UserId.of("43")))
                .isNotEqualTo(CacheKey.forUser(DataType.NOTIFICATIONS, U42));
    }

    @Test
    void a_key_needs_a_type() {
        assertThatNullPointerException().isThrownBy(() -> new CacheKey(null, U42, null, null)).withMessage("type");
    }

    /** For each scope kind, each missing or extra part with the end of the message it gets. */
    static Stream<Arguments> wrongParts() {
        return Stream.of(
                // USER: needs a user, takes no period or widget
                Arguments.of(DataType.OVERVIEW, null, null, null, "overview key needs user"),
                Arguments.of(DataType.OVERVIEW, U42, Period.LAST_DAY, null, "overview key takes no period"),
                Arguments.of(DataType.OVERVIEW, U42, null, HEATMAP, "overview key takes no widget"),
                Arguments.of(DataType.NOTIFICATIONS, null, Period.LAST_DAY, null, "notifications key needs user"),
                // USER_WIDGET: needs a user and a widget, takes no period
                Arguments.of(DataType.WIDGET_DATA, null, null, HEATMAP, "widget_data key needs user"),
                Arguments.of(DataType.WIDGET_DATA, U42, null, null, "widget_data key needs widget"),
                Arguments.of(DataType.WIDGET_DATA, U42, Period.LAST_DAY, HEATMAP, "widget_data key takes no period"),
                // GLOBAL: takes nothing
                Arguments.of(DataType.SYSTEM_STATUS, U42, null, null, "system_status key takes no user"),
                Arguments.of(DataType.SYSTEM_STATUS, null, Period.LAST_HOUR, null, "system_status key takes no period"),
                Arguments.of(DataType.PERFORMANCE_METRICS, null, null, HEATMAP,
                        "performance_metrics key takes no widget"),
                // PERIOD: needs a period, takes no user or widget
                Arguments.of(DataType.ANALYTICS, null, null, null, "analytics key needs period"),
                Arguments.of(DataType.ANALYTICS, U42, Period.LAST_WEEK, null, "analytics key takes no user"),
                Arguments.of(DataType.AGGREGATED_ANALYTICS, null, Period.LAST_WEEK, HEATMAP,
                        "aggregated_analytics key takes no widget"));
    }

    @ParameterizedTest(name = "{4}")
    @MethodSource("wrongParts")
    void a_key_with_a_missing_or_extra_part_for_its_scope_kind_is_refused(DataType type, UserId user, Period period,
                                                                         WidgetType widget, String message) {
        assertThatThrownBy(() -> new CacheKey(type, user, period, widget))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith(message);
    }

    @Test
    void the_factories_refuse_a_type_of_another_scope_kind() {
        assertThatThrownBy(() -> CacheKey.forUser(DataType.ANALYTICS, U42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheKey.forUser(DataType.WIDGET_DATA, U42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheKey.global(DataType.OVERVIEW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheKey.global(DataType.ANALYTICS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheKey.forPeriod(DataType.SYSTEM_STATUS, Period.LAST_DAY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheKey.forPeriod(DataType.ANALYTICS, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheKey.forUser(DataType.OVERVIEW, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheKey.widget(U42, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
