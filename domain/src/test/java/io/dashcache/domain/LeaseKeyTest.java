package io.dashcache.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link KeyFormat#leaseKey}: where the load lease of a key lives. */
class LeaseKeyTest {

    private static final KeyFormat PLAIN = KeyFormat.standalone("dash");
    private static final KeyFormat TAGGED = new KeyFormat("dash", true);
    private static final UserId USER = UserId.of("42");
    private static final List<CacheKey> KEYS = List.of(
            CacheKey.forUser(DataType.OVERVIEW, USER),
            CacheKey.widget(USER, WidgetType.of("heatmap")),
            CacheKey.global(DataType.SYSTEM_STATUS),
            CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_WEEK));

    /** The part of a key Redis Cluster hashes: the first non-empty {...}, else the whole key. */
    private static String hashedPart(String key) {
        int open = key.indexOf('{');
        int close = open < 0 ? -1 : key.indexOf('}', open + 1);
        return close > open + 1 ? key.substring(open + 1, close) : key;
    }

    @Test
    void a_lease_key_is_the_value_key_with_lease_after_the_prefix() {
        assertThat(PLAIN.leaseKey(CacheKey.forUser(DataType.OVERVIEW, USER))).isEqualTo("dash:lease:overview:user:42");
        assertThat(PLAIN.leaseKey(CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_WEEK)))
                .isEqualTo("dash:lease:analytics:7d");
        assertThat(PLAIN.leaseKey(CacheKey.widget(USER, WidgetType.of("heatmap"))))
                .isEqualTo("dash:lease:widget_data:user:42:heatmap");
    }

    @Test
    void with_cluster_hash_tags_a_lease_shares_its_values_hash_slot() {
        assertThat(TAGGED.leaseKey(CacheKey.forUser(DataType.OVERVIEW, USER))).isEqualTo("dash:lease:overview:user:{42}");
        assertThat(TAGGED.leaseKey(CacheKey.global(DataType.SYSTEM_STATUS)))
                .isEqualTo("dash:lease:system_status:{system_status}");
        for (CacheKey key : KEYS) {
            assertThat(hashedPart(TAGGED.leaseKey(key))).as(key.toString())
                    .isEqualTo(hashedPart(TAGGED.valueKey(key)))
                    .isNotEqualTo(TAGGED.leaseKey(key));
        }
    }

    @Test
    void a_lease_key_is_never_read_as_a_value_key_nor_matched_by_a_types_scan_pattern() {
        for (CacheKey key : KEYS) {
            String lease = PLAIN.leaseKey(key);
            assertThatThrownBy(() -> PLAIN.parse(lease)).isInstanceOf(InvalidInputException.class);
            String typePattern = PLAIN.valuePattern(key.type());
            assertThat(lease.startsWith(typePattern.substring(0, typePattern.length() - 1))).isFalse();
        }
    }

    @Test
    void lease_keys_of_different_cache_keys_differ() {
        assertThat(KEYS.stream().map(PLAIN::leaseKey).distinct()).hasSize(KEYS.size());
        assertThat(PLAIN.leaseKey(KEYS.get(0))).isNotEqualTo(KeyFormat.standalone("other").leaseKey(KEYS.get(0)));
    }
}
