package io.dashcache.domain;

import static io.dashcache.domain.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFormatTest {

    private static final KeyFormat PLAIN = KeyFormat.standalone("dash");
    private static final KeyFormat CLUSTER = new KeyFormat("dash", true);
    private static final UserId U42 = UserId.of("42");
    private static final WidgetType HEATMAP = WidgetType.of("heatmap");

    /** The example key of each type, in the contract's spelling and in the cluster spelling. */
    static Stream<Arguments> contractTable() {
        return Stream.of(
                Arguments.of(CacheKey.forUser(DataType.OVERVIEW, U42),
                        "dash:overview:user:42", "dash:overview:user:{42}"),
                Arguments.of(CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_WEEK),
                        "dash:analytics:7d", "dash:analytics:7d:{analytics}"),
                Arguments.of(CacheKey.forUser(DataType.USER_PREFERENCES, U42),
                        "dash:user_preferences:user:42", "dash:user_preferences:user:{42}"),
                Arguments.of(CacheKey.global(DataType.SYSTEM_STATUS),
                        "dash:system_status", "dash:system_status:{system_status}"),
                Arguments.of(CacheKey.global(DataType.PERFORMANCE_METRICS),
                        "dash:performance_metrics", "dash:performance_metrics:{performance_metrics}"),
                Arguments.of(CacheKey.forUser(DataType.RECENT_ACTIVITY, U42),
                        "dash:recent_activity:user:42", "dash:recent_activity:user:{42}"),
                Arguments.of(CacheKey.forUser(DataType.NOTIFICATIONS, U42),
                        "dash:notifications:user:42", "dash:notifications:user:{42}"),
                Arguments.of(CacheKey.widget(U42, HEATMAP),
                        "dash:widget_data:user:42:heatmap", "dash:widget_data:user:{42}:heatmap"),
                Arguments.of(CacheKey.forPeriod(DataType.AGGREGATED_ANALYTICS, Period.LAST_MONTH),
                        "dash:aggregated_analytics:30d", "dash:aggregated_analytics:30d:{aggregated_analytics}"));
    }

    @Test
    void the_contract_table_names_every_data_type() {
        assertThat(contractTable().map(row -> ((CacheKey) row.get()[0]).type()))
                .containsExactlyInAnyOrder(DataType.values());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("contractTable")
    void a_value_key_is_spelled_as_in_the_contract_table(CacheKey key, String plain, String cluster) {
        assertThat(PLAIN.valueKey(key)).isEqualTo(plain);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("contractTable")
    void with_cluster_hash_tags_the_user_stands_in_braces_and_a_global_key_ends_with_its_type(CacheKey key,
                                                                                             String plain,
                                                                                             String cluster) {
        assertThat(CLUSTER.valueKey(key)).isEqualTo(cluster);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("contractTable")
    void both_spellings_start_with_what_the_contract_table_says(CacheKey key, String plain, String cluster) {
        String unbraced = cluster.replace("{42}", "42");
        assertThat(unbraced).startsWith(plain);
    }

    @ParameterizedTest
    @CsvSource({
            "overview,            dash:version:overview:user:42,   dash:version:overview:user:{42}",
            "widget_data,         dash:version:widget_data:user:42, dash:version:widget_data:user:{42}",
            "analytics,           dash:version:analytics,          dash:version:analytics:{analytics}",
            "system_status,       dash:version:system_status,      dash:version:system_status:{system_status}"})
    void a_scope_version_key_lives_under_the_reserved_version_segment(String type, String plain, String cluster) {
        DataType dataType = DataType.fromSegment(type);
        Scope scope = dataType.scopeKind().isPerUser() ? Scope.ofUser(dataType, U42) : Scope.global(dataType);

        assertThat(PLAIN.versionKey(scope)).isEqualTo(plain);
        assertThat(CLUSTER.versionKey(scope)).isEqualTo(cluster);
    }

    /** Keys of every type: several users, widgets and every period. */
    static List<CacheKey> sampleKeys() {
        List<UserId> users = List.of(U42, UserId.of("7"), UserId.of("a.b_c@d-e"), UserId.of("u".repeat(64)));
        List<CacheKey> keys = new ArrayList<>();
        for (DataType type : DataType.values()) {
            switch (type.scopeKind()) {
                case GLOBAL -> keys.add(CacheKey.global(type));
                case PERIOD -> Stream.of(Period.values()).forEach(period -> keys.add(CacheKey.forPeriod(type, period)));
                case USER -> users.forEach(user -> keys.add(CacheKey.forUser(type, user)));
                case USER_WIDGET -> users.forEach(user -> Stream.of("heatmap", "camera-grid", "x", "user", "version")
                        .forEach(widget -> keys.add(CacheKey.widget(user, WidgetType.of(widget)))));
            }
        }
        return keys;
    }

    static Stream<Arguments> everySampleKeyInBothSpellings() {
        return Stream.of(PLAIN, CLUSTER).flatMap(format -> sampleKeys().stream().map(key -> Arguments.of(format, key)));
    }

    @ParameterizedTest(name = "cluster={0}: {1}")
    @MethodSource("everySampleKeyInBothSpellings")
    void parsing_a_value_key_gives_back_the_cache_key_it_was_built_from(KeyFormat format, CacheKey key) {
        assertThat(format.parse(format.valueKey(key))).isEqualTo(key);
    }

    @ParameterizedTest(name = "cluster={0}")
    @ValueSource(booleans = {false, true})
    void distinct_cache_keys_get_distinct_value_keys_and_no_value_key_is_a_version_key(boolean clusterHashTags) {
        KeyFormat format = new KeyFormat("dash", clusterHashTags);
        List<CacheKey> keys = sampleKeys();
        Set<String> valueKeys = keys.stream().map(format::valueKey).collect(Collectors.toSet());
        Set<String> versionKeys = keys.stream().map(key -> format.versionKey(key.scope())).collect(Collectors.toSet());

        assertThat(valueKeys).hasSize(keys.size()).doesNotContainAnyElementsOf(versionKeys);
        assertThat(versionKeys).hasSize(new HashSet<>(keys.stream().map(CacheKey::scope).toList()).size());
        for (String versionKey : versionKeys) {
            refusal(() -> format.parse(versionKey), "key");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleKeys")
    void with_cluster_hash_tags_a_value_and_its_scope_version_share_one_hash_slot(CacheKey key) {
        String valueKey = CLUSTER.valueKey(key);
        String versionKey = CLUSTER.versionKey(key.scope());
        String expectedTag = key.scope().isPerUser() ? key.user().value() : key.type().segment();

        assertThat(hashTag(valueKey)).isEqualTo(expectedTag);
        assertThat(hashTag(versionKey)).isEqualTo(expectedTag);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleKeys")
    void without_cluster_hash_tags_no_key_has_a_brace(CacheKey key) {
        assertThat(PLAIN.valueKey(key)).doesNotContain("{", "}");
        assertThat(PLAIN.versionKey(key.scope())).doesNotContain("{", "}");
    }

    @Test
    void with_cluster_hash_tags_all_keys_of_one_user_share_one_hash_slot() {
        Set<String> tags = new HashSet<>();
        for (DataType type : DataType.values()) {
            if (type.scopeKind() == ScopeKind.USER) {
                tags.add(hashTag(CLUSTER.valueKey(CacheKey.forUser(type, U42))));
            }
            if (type.scopeKind().isPerUser()) {
                tags.add(hashTag(CLUSTER.versionKey(Scope.ofUser(type, U42))));
            }
        }
        tags.add(hashTag(CLUSTER.valueKey(CacheKey.widget(U42, HEATMAP))));

        assertThat(tags).containsExactly("42");
    }

    /** Redis Cluster's rule: the text between the first '{' and the next '}', when not empty. */
    private static String hashTag(String key) {
        int open = key.indexOf('{');
        int close = open < 0 ? -1 : key.indexOf('}', open + 1);
        return close > open + 1 ? key.substring(open + 1, close) : key;
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"dash", "dash:", "other:overview:user:42", "dashboard:overview:user:42",
            "DASH:overview:user:42", "dash2:overview:user:42", ":overview:user:42", "dash::overview:user:42",
            "dash:unknown:user:42", "dash:Overview:user:42", "dash:version:overview:user:42", "dash:version:analytics",
            "dash:overview", "dash:overview:user", "dash:overview:user:42:extra", "dash:overview:user:42:",
            "dash:analytics", "dash:analytics:7d:extra", "dash:system_status:extra", "dash:system_status:",
            "dash:widget_data:user:42", "dash:widget_data:user:42:heatmap:extra", "dash:overview:users:42",
            "dash:overview:42:user", "dash:widget_data:member:42:heatmap", "dash:analytics:7d:{analytics}",
            "dash:system_status:{system_status}", "dash:over\nview:user:42"})
    void parsing_refuses_what_is_not_a_value_key_under_the_prefix(String text) {
        assertThat(refusal(() -> PLAIN.parse(text), "key").getMessage())
                .endsWith("' is not a dashcache value key under prefix 'dash'");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"dash:overview:user:42", "dash:widget_data:user:42:heatmap", "dash:analytics:7d",
            "dash:system_status", "dash:analytics:7d:{aggregated_analytics}", "dash:analytics:7d:analytics",
            "dash:overview:user:{}", "dash:overview:user:{42", "dash:overview:user:42}", "dash:overview:user:{",
            "dash:version:overview:user:{42}", "dash:version:analytics:{analytics}",
            "dash:system_status:{system_status}:{system_status}"})
    void with_cluster_hash_tags_parsing_refuses_keys_without_the_right_tags(String text) {
        refusal(() -> CLUSTER.parse(text), "key");
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({
            "dash:analytics:7w,                   period",
            "dash:aggregated_analytics:7D,        period",
            "dash:overview:user:a*b,              userId",
            "dash:overview:user:,                 userId",
            "dash:overview:user:{42},             userId",
            "dash:widget_data:user:42:heat*map,   widgetType",
            "dash:widget_data:user:42:,           widgetType"})
    void parsing_refuses_a_key_whose_parts_break_their_own_rule(String text, String field) {
        refusal(() -> PLAIN.parse(text), field);
    }

    @Test
    void a_format_parses_only_keys_under_its_own_prefix() {
        KeyFormat tenant = KeyFormat.standalone("tenant-a.v2");
        CacheKey key = CacheKey.forUser(DataType.OVERVIEW, U42);

        assertThat(tenant.valueKey(key)).isEqualTo("tenant-a.v2:overview:user:42");
        assertThat(tenant.parse(tenant.valueKey(key))).isEqualTo(key);
        assertThatThrownBy(() -> tenant.parse(PLAIN.valueKey(key))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> PLAIN.parse(tenant.valueKey(key))).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"dash", "a", "Z", "0", "my-app.v2_cache", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void a_prefix_of_1_to_32_safe_characters_is_accepted(String prefix) {
        assertThat(KeyFormat.requirePrefix(prefix)).isEqualTo(prefix);
        assertThat(KeyFormat.standalone(prefix).prefix()).isEqualTo(prefix);
        assertThat(new KeyFormat(prefix, true).everythingPattern()).isEqualTo(prefix + ":*");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"*", "dash*", "da:sh", "dash:", "{dash}", "da{sh", "da sh", " dash",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "dash\n", "dash\0", "dashé", "da/sh", "da?sh", "[d]", "da\\sh", "da@sh"})
    void a_prefix_with_a_glob_brace_colon_space_or_over_32_characters_is_refused(String prefix) {
        assertThat(refusal(() -> KeyFormat.standalone(prefix), "prefix").getMessage())
                .startsWith("key prefix must be 1 to 32 characters");
        assertThatThrownBy(() -> new KeyFormat(prefix, true)).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void a_value_pattern_matches_every_value_of_its_type_and_nothing_else(DataType type) {
        for (KeyFormat format : List.of(PLAIN, CLUSTER)) {
            Pattern pattern = glob(format.valuePattern(type));
            assertThat(format.valuePattern(type)).isEqualTo("dash:" + type.segment() + "*");
            for (CacheKey key : sampleKeys()) {
                assertThat(pattern.matcher(format.valueKey(key)).matches())
                        .as("%s matches %s", format.valuePattern(type), format.valueKey(key))
                        .isEqualTo(key.type() == type);
                assertThat(pattern.matcher(format.versionKey(key.scope())).matches()).isFalse();
            }
        }
    }

    @Test
    void the_everything_pattern_matches_every_value_and_version_under_the_prefix_only() {
        Pattern everything = glob(PLAIN.everythingPattern());

        assertThat(PLAIN.everythingPattern()).isEqualTo("dash:*");
        for (KeyFormat format : List.of(PLAIN, CLUSTER)) {
            for (CacheKey key : sampleKeys()) {
                assertThat(everything.matcher(format.valueKey(key)).matches()).isTrue();
                assertThat(everything.matcher(format.versionKey(key.scope())).matches()).isTrue();
            }
        }
        assertThat(everything.matcher(KeyFormat.standalone("dash2").valueKey(CacheKey.global(DataType.SYSTEM_STATUS)))
                .matches()).isFalse();
        assertThat(everything.matcher("dashboard:overview:user:42").matches()).isFalse();
    }

    @Test
    void instance_names_live_under_the_prefix() {
        assertThat(PLAIN.name("events")).isEqualTo("dash:events");
        assertThat(KeyFormat.standalone("tenant").name("events:dead")).isEqualTo("tenant:events:dead");
    }

    /** The scan patterns use only a trailing '*'; anything else in them must be literal. */
    private static Pattern glob(String pattern) {
        assertThat(pattern).matches("[A-Za-z0-9._:-]+\\*");
        return Pattern.compile(Pattern.quote(pattern.substring(0, pattern.length() - 1)) + ".*");
    }

    @org.junit.jupiter.api.Test
    void a_named_cache_key_is_hashed_and_shares_its_slot_tag_with_the_cache_version() {
        KeyFormat keys = KeyFormat.standalone("svc");

        String key = keys.namedValueKey("orders", "order:17 *");

        org.assertj.core.api.Assertions.assertThat(key).matches("svc:app:\\{orders\\}:[A-Za-z0-9_-]{43}");
        org.assertj.core.api.Assertions.assertThat(keys.namedVersionKey("orders")).isEqualTo("svc:version:app:{orders}");
        org.assertj.core.api.Assertions.assertThat(keys.namedValueKey("orders", "order:17 *")).isEqualTo(key);
        org.assertj.core.api.Assertions.assertThat(keys.namedValueKey("orders", "order:18 *")).isNotEqualTo(key);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> keys.namedValueKey("or{ders}", "k"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cache name must be");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> keys.namedValueKey("orders", null))
                .isInstanceOf(InvalidInputException.class);
    }
}
