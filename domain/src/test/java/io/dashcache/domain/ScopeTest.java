package io.dashcache.domain;

import static io.dashcache.domain.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeTest {

    private static final UserId U42 = UserId.of("42");

    static Stream<DataType> perUserTypes() {
        return Stream.of(DataType.values()).filter(type -> type.scopeKind().isPerUser());
    }

    static Stream<DataType> globalTypes() {
        return Stream.of(DataType.values()).filter(type -> !type.scopeKind().isPerUser());
    }

    @ParameterizedTest
    @MethodSource("perUserTypes")
    void a_per_user_scope_reads_as_type_user_id_and_parses_back(DataType type) {
        for (String user : new String[] {"42", "a.b_c@d-e", "user", "x".repeat(64)}) {
            DashboardScope scope = Scope.ofUser(type, UserId.of(user));

            assertThat(scope.isPerUser()).isTrue();
            assertThat(scope).hasToString(type.segment() + ":user:" + user);
            assertThat(Scope.parse(scope.toString())).isEqualTo(scope);
        }
    }

    @ParameterizedTest
    @MethodSource("globalTypes")
    void a_global_scope_reads_as_its_type_and_parses_back(DataType type) {
        DashboardScope scope = Scope.global(type);

        assertThat(scope.isPerUser()).isFalse();
        assertThat(scope.user()).isNull();
        assertThat(scope).hasToString(type.segment());
        assertThat(Scope.parse(scope.toString())).isEqualTo(scope);
    }

    @Test
    void scopes_are_values_equal_by_content() {
        assertThat(Scope.ofUser(DataType.OVERVIEW, UserId.of("42")))
                .isEqualTo(new DashboardScope(DataType.OVERVIEW, U42))
                .hasSameHashCodeAs(Scope.ofUser(DataType.OVERVIEW, U42))
                .isNotEqualTo(Scope.ofUser(DataType.OVERVIEW, UserId.of("43")))
                .isNotEqualTo(Scope.ofUser(DataType.NOTIFICATIONS, U42));
        assertThat(Scope.global(DataType.ANALYTICS)).isEqualTo(new DashboardScope(DataType.ANALYTICS, null));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"overview", "widget_data", "overview:", "overview:user", "overview:user:", "overview:42",
            "overview:users:42", "overview:user:a*b", "overview:user:4:2", "overview:user:{42}", "overview:user: 42",
            "analytics:user:42", "system_status:user:42", "analytics:7d", "unknown:user:42", "OVERVIEW:user:42",
            "version:overview:user:42", ":user:42", "overview:user:42\n"})
    void parsing_refuses_what_is_not_a_scope(String text) {
        refusal(() -> Scope.parse(text), "scope", "type", "userId");
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({"overview, scope", "analytics:user:42, scope", "overview:42, scope", "nope, type",
            "overview:user:a*b, userId"})
    void a_refusal_names_the_part_that_is_wrong(String text, String field) {
        refusal(() -> Scope.parse(text), field);
    }

    @ParameterizedTest
    @MethodSource("perUserTypes")
    void a_per_user_type_needs_a_user(DataType type) {
        assertThatThrownBy(() -> new DashboardScope(type, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(type.segment() + " is per user: a scope needs a user");
        assertThatThrownBy(() -> Scope.global(type)).isInstanceOf(IllegalArgumentException.class);
        assertThatNullPointerException().isThrownBy(() -> Scope.ofUser(type, null));
    }

    @ParameterizedTest
    @MethodSource("globalTypes")
    void a_global_type_takes_no_user(DataType type) {
        assertThatThrownBy(() -> new DashboardScope(type, U42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(type.segment() + " is global: a scope takes no user");
        assertThatThrownBy(() -> Scope.ofUser(type, U42)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_scope_needs_a_type() {
        assertThatNullPointerException().isThrownBy(() -> new DashboardScope(null, U42)).withMessage("type");
        assertThatNullPointerException().isThrownBy(() -> Scope.global(null));
    }
}
