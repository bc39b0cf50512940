package io.dashcache.application.port.out.reading;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.NamedCacheScope;
import io.dashcache.domain.NamedKey;
import io.dashcache.domain.Period;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LocalCacheTier} does: subclass it and return a fresh, empty tier, large enough
 * for a few dozen small entries, from {@link #newTier()}.
 */
public abstract class LocalCacheTierContract {

    protected static final UserId ALICE = UserId.of("alice");
    protected static final UserId BOB = UserId.of("bob");
    protected static final CacheKey ALICE_OVERVIEW = CacheKey.forUser(DataType.OVERVIEW, ALICE);
    protected static final CacheKey BOB_OVERVIEW = CacheKey.forUser(DataType.OVERVIEW, BOB);
    protected static final CacheKey ALICE_HEATMAP = CacheKey.widget(ALICE, WidgetType.of("heatmap"));
    protected static final CacheKey ALICE_CAMERAS = CacheKey.widget(ALICE, WidgetType.of("camera-grid"));
    protected static final CacheKey BOB_HEATMAP = CacheKey.widget(BOB, WidgetType.of("heatmap"));

    protected LocalCacheTier tier;

    protected abstract LocalCacheTier newTier();

    /** The time the tier judges entries by; entries made here are fresh at it. */
    protected Instant now() {
        return Instant.now();
    }

    /** Lets a tier finish deferred bookkeeping before its size is read (Caffeine: cleanUp). */
    protected void settle() {
    }

    @BeforeEach
    void createTier() {
        tier = newTier();
    }

    protected CacheEntry entry(String json) {
        return CacheEntry.loaded(json.getBytes(StandardCharsets.UTF_8), now(), Duration.ofMinutes(5),
                Duration.ofMinutes(1), 0);
    }

    private CacheEntry put(CacheKey key) {
        CacheEntry entry = entry("{\"key\":\"" + key + "\"}");
        tier.put(key, entry);
        return entry;
    }

    @Test
    void an_entry_put_is_returned() {
        CacheEntry entry = put(ALICE_OVERVIEW);

        assertThat(tier.getIfPresent(ALICE_OVERVIEW)).isEqualTo(entry);
    }

    @Test
    void a_key_never_put_is_absent() {
        put(ALICE_OVERVIEW);

        assertThat(tier.getIfPresent(BOB_OVERVIEW)).isNull();
    }

    @Test
    void a_second_put_replaces_the_first() {
        put(ALICE_OVERVIEW);
        CacheEntry second = entry("{\"second\":true}");

        tier.put(ALICE_OVERVIEW, second);

        assertThat(tier.getIfPresent(ALICE_OVERVIEW)).isEqualTo(second);
    }

    @Test
    void remove_drops_only_that_key() {
        put(ALICE_OVERVIEW);
        CacheEntry bobs = put(BOB_OVERVIEW);

        tier.remove(ALICE_OVERVIEW);

        assertThat(tier.getIfPresent(ALICE_OVERVIEW)).isNull();
        assertThat(tier.getIfPresent(BOB_OVERVIEW)).isEqualTo(bobs);
    }

    @Test
    void invalidating_a_user_scope_drops_that_users_entry_of_that_type_only() {
        put(ALICE_OVERVIEW);
        CacheEntry bobs = put(BOB_OVERVIEW);
        CacheKey aliceNotifications = CacheKey.forUser(DataType.NOTIFICATIONS, ALICE);
        CacheEntry notifications = put(aliceNotifications);

        tier.invalidate(List.of(ALICE_OVERVIEW.scope()));

        assertThat(tier.getIfPresent(ALICE_OVERVIEW)).isNull();
        assertThat(tier.getIfPresent(BOB_OVERVIEW)).isEqualTo(bobs);
        assertThat(tier.getIfPresent(aliceNotifications)).isEqualTo(notifications);
    }

    @Test
    void invalidating_a_widget_scope_drops_every_widget_of_that_user_only() {
        put(ALICE_HEATMAP);
        put(ALICE_CAMERAS);
        CacheEntry bobs = put(BOB_HEATMAP);
        CacheEntry overview = put(ALICE_OVERVIEW);

        tier.invalidate(List.of(Scope.ofUser(DataType.WIDGET_DATA, ALICE)));

        assertThat(tier.getIfPresent(ALICE_HEATMAP)).isNull();
        assertThat(tier.getIfPresent(ALICE_CAMERAS)).isNull();
        assertThat(tier.getIfPresent(BOB_HEATMAP)).isEqualTo(bobs);
        assertThat(tier.getIfPresent(ALICE_OVERVIEW)).isEqualTo(overview);
    }

    @Test
    void a_widget_put_again_after_its_scope_was_invalidated_is_invalidated_again() {
        put(ALICE_HEATMAP);
        tier.invalidate(List.of(ALICE_HEATMAP.scope()));
        put(ALICE_HEATMAP);

        tier.invalidate(List.of(ALICE_HEATMAP.scope()));

        assertThat(tier.getIfPresent(ALICE_HEATMAP)).isNull();
    }

    @Test
    void a_widget_removed_and_put_again_is_still_invalidated_with_its_scope() {
        put(ALICE_HEATMAP);
        tier.remove(ALICE_HEATMAP);
        put(ALICE_HEATMAP);
        settle();

        tier.invalidate(List.of(ALICE_HEATMAP.scope()));

        assertThat(tier.getIfPresent(ALICE_HEATMAP)).isNull();
    }

    @Test
    void invalidating_a_period_scope_drops_every_period_of_that_type_only() {
        for (Period period : Period.values()) {
            put(CacheKey.forPeriod(DataType.ANALYTICS, period));
        }
        CacheKey aggregated = CacheKey.forPeriod(DataType.AGGREGATED_ANALYTICS, Period.LAST_WEEK);
        CacheEntry kept = put(aggregated);

        tier.invalidate(List.of(Scope.global(DataType.ANALYTICS)));

        for (Period period : Period.values()) {
            assertThat(tier.getIfPresent(CacheKey.forPeriod(DataType.ANALYTICS, period))).as(period.code()).isNull();
        }
        assertThat(tier.getIfPresent(aggregated)).isEqualTo(kept);
    }

    @Test
    void invalidating_a_global_scope_drops_its_entry_only() {
        CacheKey status = CacheKey.global(DataType.SYSTEM_STATUS);
        CacheKey metrics = CacheKey.global(DataType.PERFORMANCE_METRICS);
        put(status);
        CacheEntry kept = put(metrics);

        tier.invalidate(List.of(Scope.global(DataType.SYSTEM_STATUS)));

        assertThat(tier.getIfPresent(status)).isNull();
        assertThat(tier.getIfPresent(metrics)).isEqualTo(kept);
    }

    @Test
    void invalidating_several_scopes_drops_each_of_them() {
        put(ALICE_OVERVIEW);
        put(BOB_HEATMAP);
        put(CacheKey.global(DataType.SYSTEM_STATUS));
        CacheEntry kept = put(BOB_OVERVIEW);

        tier.invalidate(List.of(ALICE_OVERVIEW.scope(), BOB_HEATMAP.scope(), Scope.global(DataType.SYSTEM_STATUS)));

        assertThat(tier.getIfPresent(ALICE_OVERVIEW)).isNull();
        assertThat(tier.getIfPresent(BOB_HEATMAP)).isNull();
        assertThat(tier.getIfPresent(CacheKey.global(DataType.SYSTEM_STATUS))).isNull();
        assertThat(tier.getIfPresent(BOB_OVERVIEW)).isEqualTo(kept);
    }

    @Test
    void invalidating_scopes_with_nothing_cached_keeps_the_rest() {
        CacheEntry kept = put(ALICE_OVERVIEW);

        tier.invalidate(List.of(BOB_OVERVIEW.scope(), BOB_HEATMAP.scope(), Scope.global(DataType.ANALYTICS)));

        assertThat(tier.getIfPresent(ALICE_OVERVIEW)).isEqualTo(kept);
    }

    @Test
    void invalidating_a_type_drops_every_entry_of_that_type_only() {
        put(ALICE_HEATMAP);
        put(BOB_HEATMAP);
        CacheEntry overview = put(ALICE_OVERVIEW);

        tier.invalidateType(DataType.WIDGET_DATA);

        assertThat(tier.getIfPresent(ALICE_HEATMAP)).isNull();
        assertThat(tier.getIfPresent(BOB_HEATMAP)).isNull();
        assertThat(tier.getIfPresent(ALICE_OVERVIEW)).isEqualTo(overview);
    }

    @Test
    void clear_drops_everything() {
        put(ALICE_OVERVIEW);
        put(ALICE_HEATMAP);
        put(CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_DAY));

        tier.clear();
        settle();

        assertThat(tier.getIfPresent(ALICE_OVERVIEW)).isNull();
        assertThat(tier.getIfPresent(ALICE_HEATMAP)).isNull();
        assertThat(tier.getIfPresent(CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_DAY))).isNull();
        assertThat(tier.size()).isZero();
        assertThat(tier.weightInBytes()).isZero();
    }

    @Test
    void size_and_weight_count_the_entries_held() {
        CacheEntry alice = put(ALICE_OVERVIEW);
        CacheEntry bob = put(BOB_OVERVIEW);
        settle();

        assertThat(tier.size()).isEqualTo(2);
        assertThat(tier.weightInBytes()).isGreaterThanOrEqualTo(alice.payload().length + bob.payload().length);
    }

    // ---- named caches' entries

    @Test
    void invalidating_a_named_entrys_scope_drops_that_entry_only() {
        NamedKey order17 = new NamedKey("orders", "17");
        NamedKey order18 = new NamedKey("orders", "18");
        tier.put(order17, entry("{}"));
        tier.put(order18, entry("{}"));
        tier.put(ALICE_OVERVIEW, entry("{}"));

        tier.invalidate(List.of(order17.entryScope()));
        settle();

        assertThat(tier.getIfPresent(order17)).isNull();
        assertThat(tier.getIfPresent(order18)).isNotNull();
        assertThat(tier.getIfPresent(ALICE_OVERVIEW)).isNotNull();
    }

    @Test
    void invalidating_a_named_caches_scope_drops_every_entry_of_that_cache_only() {
        NamedKey order17 = new NamedKey("orders", "17");
        NamedKey invoice17 = new NamedKey("invoices", "17");
        tier.put(order17, entry("{}"));
        tier.put(new NamedKey("orders", "18"), entry("{}"));
        tier.put(invoice17, entry("{}"));
        tier.put(ALICE_OVERVIEW, entry("{}"));

        tier.invalidate(List.of(new NamedCacheScope("orders")));
        settle();

        assertThat(tier.getIfPresent(order17)).isNull();
        assertThat(tier.getIfPresent(new NamedKey("orders", "18"))).isNull();
        assertThat(tier.getIfPresent(invoice17)).isNotNull();
        assertThat(tier.getIfPresent(ALICE_OVERVIEW)).isNotNull();
    }
}
