package io.dashcache.domain;

import static io.dashcache.domain.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DataTypeTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "OVERVIEW,             overview,             USER,        300,  OVERVIEW",
            "ANALYTICS,            analytics,            PERIOD,      600,  ANALYTICS",
            "USER_PREFERENCES,     user_preferences,     USER,        1800, USER_PREFERENCES",
            "SYSTEM_STATUS,        system_status,        GLOBAL,      60,   SYSTEM_STATUS",
            "PERFORMANCE_METRICS,  performance_metrics,  GLOBAL,      300,  PERFORMANCE_METRICS",
            "RECENT_ACTIVITY,      recent_activity,      USER,        120,  RECENT_ACTIVITY",
            "NOTIFICATIONS,        notifications,        USER,        600,  NOTIFICATIONS",
            "WIDGET_DATA,          widget_data,          USER_WIDGET, 300,  WIDGET_DATA",
            "AGGREGATED_ANALYTICS, aggregated_analytics, PERIOD,      900,  AGGREGATED_ANALYTICS"})
    void each_type_has_the_segment_scope_and_ttl_of_the_contract_table(DataType type, String segment, ScopeKind kind,
                                                                       long ttlSeconds, String configSuffix) {
        assertThat(type.segment()).isEqualTo(segment);
        assertThat(type.scopeKind()).isEqualTo(kind);
        assertThat(type.defaultTtl()).isEqualTo(Duration.ofSeconds(ttlSeconds));
        assertThat(type.configSuffix()).isEqualTo(configSuffix);
        assertThat(DataType.fromSegment(segment)).isSameAs(type);
    }

    @Test
    void there_are_exactly_the_nine_types_of_the_contract() {
        assertThat(Arrays.stream(DataType.values()).map(DataType::segment)).containsExactly(
                "overview", "analytics", "user_preferences", "system_status", "performance_metrics",
                "recent_activity", "notifications", "widget_data", "aggregated_analytics");
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void every_type_round_trips_through_its_segment(DataType type) {
        assertThat(DataType.fromSegment(type.segment())).isSameAs(type);
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void no_segment_is_the_segment_reserved_for_versions_or_contains_a_key_separator(DataType type) {
        assertThat(type.segment()).isNotEqualTo(KeyFormat.VERSION_SEGMENT).matches("[a-z_]+");
    }

    @ParameterizedTest
    @EnumSource(ScopeKind.class)
    void per_user_scopes_are_user_and_user_widget(ScopeKind kind) {
        assertThat(kind.isPerUser()).isEqualTo(kind == ScopeKind.USER || kind == ScopeKind.USER_WIDGET);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"OVERVIEW", "Overview", " overview", "overview ", "widgets", "widget-data", "version",
            "preferences", "overview:user", "over\nview"})
    void an_unknown_segment_is_refused_naming_the_type_field(String segment) {
        assertThat(refusal(() -> DataType.fromSegment(segment), "type").getMessage())
                .startsWith("unknown data type '");
    }
}
