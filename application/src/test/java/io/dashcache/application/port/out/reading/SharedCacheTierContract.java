package io.dashcache.application.port.out.reading;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.application.port.out.reading.SharedCacheTier.SharedRead;
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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SharedCacheTier} does, whatever stores it: subclass it, return a fresh, empty
 * tier from {@link #newTier()} (its own namespace, e.g. a unique key prefix), and clean up after.
 * Entries carry millisecond times, the precision a tier may store them at.
 */
public abstract class SharedCacheTierContract {

    protected static final Duration TTL = Duration.ofSeconds(60);
    protected static final UserId ALICE = UserId.of("alice");
    protected static final UserId BOB = UserId.of("bob");
    protected static final CacheKey ALICE_OVERVIEW = CacheKey.forUser(DataType.OVERVIEW, ALICE);
    protected static final CacheKey BOB_OVERVIEW = CacheKey.forUser(DataType.OVERVIEW, BOB);

    protected static final NamedKey ORDER_17 = new NamedKey("orders", "order 17: any text {at} all");
    protected static final NamedKey ORDER_18 = new NamedKey("orders", "order-18");
    protected static final NamedKey INVOICE_17 = new NamedKey("invoices", "order 17: any text {at} all");

    protected SharedCacheTier tier;

    /** A new tier that shares nothing with the tier of any other test. */
    protected abstract SharedCacheTier newTier();

    @BeforeEach
    void createTier() {
        tier = newTier();
    }

    protected static CacheEntry entry(String json, long scopeVersion) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return CacheEntry.loaded(json.getBytes(StandardCharsets.UTF_8), now, TTL, Duration.ofSeconds(15), scopeVersion);
    }

    @Test
    void a_batch_read_answers_each_key_like_its_single_read_in_the_order_asked() {
        CacheKey weekly = CacheKey.forPeriod(DataType.ANALYTICS, io.dashcache.domain.Period.LAST_WEEK);
        CacheKey aliceNews = CacheKey.forUser(DataType.NOTIFICATIONS, ALICE);
        tier.writeIfVersion(ALICE_OVERVIEW, entry("{\"a\":1}", 0), TTL);
        tier.writeIfVersion(weekly, entry("{\"w\":1}", 0), TTL);
        tier.writeIfVersion(aliceNews, entry("{\"n\":1}", 0), TTL);
        tier.bumpVersions(List.of(aliceNews.scope()));

        List<CacheKey> keys = List.of(weekly, BOB_OVERVIEW, aliceNews, ALICE_OVERVIEW);
        List<SharedCacheTier.SharedRead> reads = tier.readAll(keys);

        assertThat(reads).hasSize(4);
        for (int i = 0; i < keys.size(); i++) {
            SharedCacheTier.SharedRead single = tier.read(keys.get(i));
            assertThat(reads.get(i).scopeVersion()).as("version of %s", keys.get(i)).isEqualTo(single.scopeVersion());
            assertThat(reads.get(i).entry()).as("entry of %s", keys.get(i)).isEqualTo(single.entry());
        }
        assertThat(tier.readAll(List.of())).isEmpty();
    }

    @Test
    void a_miss_reports_no_entry_and_version_zero() {
        SharedRead read = tier.read(ALICE_OVERVIEW);

        assertThat(read.entry()).isNull();
        assertThat(read.scopeVersion()).isZero();
    }

    @Test
    void a_written_value_reads_back_equal() {
        CacheEntry written = entry("{\"detections\":42}", 0);

        assertThat(tier.writeIfVersion(ALICE_OVERVIEW, written, TTL)).isTrue();

        SharedRead read = tier.read(ALICE_OVERVIEW);
        assertThat(read.entry()).isEqualTo(written);
        assertThat(read.scopeVersion()).isZero();
    }

    @Test
    void an_absent_entry_reads_back_absent() {
        CacheEntry absent = CacheEntry.absent(Instant.now().truncatedTo(ChronoUnit.MILLIS), Duration.ofSeconds(30), 0);

        tier.writeIfVersion(ALICE_OVERVIEW, absent, TTL);

        CacheEntry read = tier.read(ALICE_OVERVIEW).entry();
        assertThat(read).isEqualTo(absent);
        assertThat(read.absent()).isTrue();
        assertThat(read.payload()).isEmpty();
    }

    @Test
    void a_value_written_again_under_the_same_version_replaces_the_first() {
        tier.writeIfVersion(ALICE_OVERVIEW, entry("{\"v\":1}", 0), TTL);
        CacheEntry second = entry("{\"v\":2}", 0);

        assertThat(tier.writeIfVersion(ALICE_OVERVIEW, second, TTL)).isTrue();

        assertThat(tier.read(ALICE_OVERVIEW).entry()).isEqualTo(second);
    }

    @Test
    void after_a_bump_the_value_is_gone_and_the_new_version_is_reported() {
        tier.writeIfVersion(ALICE_OVERVIEW, entry("{}", 0), TTL);

        Map<Scope, Long> bumped = tier.bumpVersions(List.of(ALICE_OVERVIEW.scope()));

        assertThat(bumped).containsExactly(Map.entry(ALICE_OVERVIEW.scope(), 1L));
        SharedRead read = tier.read(ALICE_OVERVIEW);
        assertThat(read.entry()).isNull();
        assertThat(read.scopeVersion()).isEqualTo(1);
    }

    @Test
    void a_write_under_an_old_version_is_refused_and_not_stored() {
        tier.bumpVersions(List.of(ALICE_OVERVIEW.scope()));

        assertThat(tier.writeIfVersion(ALICE_OVERVIEW, entry("{\"loaded\":\"before the bump\"}", 0), TTL)).isFalse();

        assertThat(tier.read(ALICE_OVERVIEW).entry()).isNull();
    }

    @Test
    void a_write_under_a_version_the_scope_has_not_reached_is_refused() {
        assertThat(tier.writeIfVersion(ALICE_OVERVIEW, entry("{}", 3), TTL)).isFalse();

        assertThat(tier.read(ALICE_OVERVIEW).entry()).isNull();
    }

    @Test
    void a_write_under_the_current_version_after_a_bump_is_stored() {
        long version = tier.bumpVersions(List.of(ALICE_OVERVIEW.scope())).get(ALICE_OVERVIEW.scope());
        CacheEntry fresh = entry("{\"loaded\":\"after the bump\"}", version);

        assertThat(tier.writeIfVersion(ALICE_OVERVIEW, fresh, TTL)).isTrue();

        assertThat(tier.read(ALICE_OVERVIEW)).isEqualTo(new SharedRead(fresh, version));
    }

    @Test
    void each_bump_of_a_scope_returns_a_higher_version() {
        Scope scope = Scope.global(DataType.SYSTEM_STATUS);

        long first = tier.bumpVersions(List.of(scope)).get(scope);
        long second = tier.bumpVersions(List.of(scope)).get(scope);

        assertThat(second).isGreaterThan(first);
        assertThat(tier.read(CacheKey.global(DataType.SYSTEM_STATUS)).scopeVersion()).isEqualTo(second);
    }

    @Test
    void one_bump_moves_every_scope_it_names() {
        Scope alice = ALICE_OVERVIEW.scope();
        Scope status = Scope.global(DataType.SYSTEM_STATUS);

        Map<Scope, Long> bumped = tier.bumpVersions(Set.of(alice, status));

        assertThat(bumped).containsOnlyKeys(alice, status);
        assertThat(tier.read(ALICE_OVERVIEW).scopeVersion()).isEqualTo(bumped.get(alice));
        assertThat(tier.read(CacheKey.global(DataType.SYSTEM_STATUS)).scopeVersion()).isEqualTo(bumped.get(status));
    }

    @Test
    void bumping_no_scopes_changes_nothing() {
        CacheEntry written = entry("{}", 0);
        tier.writeIfVersion(ALICE_OVERVIEW, written, TTL);

        assertThat(tier.bumpVersions(List.of())).isEmpty();

        assertThat(tier.read(ALICE_OVERVIEW).entry()).isEqualTo(written);
    }

    @Test
    void bumping_one_users_scope_leaves_another_users_value_valid() {
        tier.writeIfVersion(ALICE_OVERVIEW, entry("{\"user\":\"alice\"}", 0), TTL);
        CacheEntry bobs = entry("{\"user\":\"bob\"}", 0);
        tier.writeIfVersion(BOB_OVERVIEW, bobs, TTL);

        tier.bumpVersions(List.of(ALICE_OVERVIEW.scope()));

        assertThat(tier.read(ALICE_OVERVIEW).entry()).isNull();
        assertThat(tier.read(BOB_OVERVIEW)).isEqualTo(new SharedRead(bobs, 0));
    }

    @Test
    void bumping_one_type_of_a_user_leaves_the_users_other_types_valid() {
        CacheKey aliceNotifications = CacheKey.forUser(DataType.NOTIFICATIONS, ALICE);
        CacheEntry notifications = entry("{\"unread\":3}", 0);
        tier.writeIfVersion(ALICE_OVERVIEW, entry("{}", 0), TTL);
        tier.writeIfVersion(aliceNotifications, notifications, TTL);

        tier.bumpVersions(List.of(ALICE_OVERVIEW.scope()));

        assertThat(tier.read(aliceNotifications).entry()).isEqualTo(notifications);
    }

    @Test
    void bumping_a_users_widget_scope_invalidates_every_widget_of_that_user() {
        CacheKey heatmap = CacheKey.widget(ALICE, WidgetType.of("heatmap"));
        CacheKey cameras = CacheKey.widget(ALICE, WidgetType.of("camera-grid"));
        CacheKey bobsHeatmap = CacheKey.widget(BOB, WidgetType.of("heatmap"));
        tier.writeIfVersion(heatmap, entry("{\"w\":1}", 0), TTL);
        tier.writeIfVersion(cameras, entry("{\"w\":2}", 0), TTL);
        CacheEntry bobs = entry("{\"w\":3}", 0);
        tier.writeIfVersion(bobsHeatmap, bobs, TTL);

        tier.bumpVersions(List.of(Scope.ofUser(DataType.WIDGET_DATA, ALICE)));

        assertThat(tier.read(heatmap).entry()).isNull();
        assertThat(tier.read(cameras).entry()).isNull();
        assertThat(tier.read(bobsHeatmap).entry()).isEqualTo(bobs);
    }

    @Test
    void bumping_a_global_period_scope_invalidates_every_period() {
        for (Period period : Period.values()) {
            tier.writeIfVersion(CacheKey.forPeriod(DataType.ANALYTICS, period), entry("{}", 0), TTL);
        }
        CacheKey aggregated = CacheKey.forPeriod(DataType.AGGREGATED_ANALYTICS, Period.LAST_WEEK);
        CacheEntry kept = entry("{\"aggregated\":true}", 0);
        tier.writeIfVersion(aggregated, kept, TTL);

        tier.bumpVersions(List.of(Scope.global(DataType.ANALYTICS)));

        for (Period period : Period.values()) {
            SharedRead read = tier.read(CacheKey.forPeriod(DataType.ANALYTICS, period));
            assertThat(read.entry()).as(period.code()).isNull();
            assertThat(read.scopeVersion()).isEqualTo(1);
        }
        assertThat(tier.read(aggregated).entry()).isEqualTo(kept);
    }

    @Test
    void deleting_a_type_removes_only_that_types_values() {
        CacheKey weekly = CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_WEEK);
        CacheKey heatmap = CacheKey.widget(ALICE, WidgetType.of("heatmap"));
        tier.writeIfVersion(ALICE_OVERVIEW, entry("{}", 0), TTL);
        tier.writeIfVersion(BOB_OVERVIEW, entry("{}", 0), TTL);
        CacheEntry analytics = entry("{\"period\":\"7d\"}", 0);
        CacheEntry widget = entry("{\"widget\":\"heatmap\"}", 0);
        tier.writeIfVersion(weekly, analytics, TTL);
        tier.writeIfVersion(heatmap, widget, TTL);

        assertThat(tier.deleteType(DataType.OVERVIEW)).isEqualTo(2);

        assertThat(tier.read(ALICE_OVERVIEW).entry()).isNull();
        assertThat(tier.read(BOB_OVERVIEW).entry()).isNull();
        assertThat(tier.read(weekly).entry()).isEqualTo(analytics);
        assertThat(tier.read(heatmap).entry()).isEqualTo(widget);
    }

    @Test
    void deleting_a_type_does_not_touch_a_type_whose_name_contains_it() {
        CacheKey aggregated = CacheKey.forPeriod(DataType.AGGREGATED_ANALYTICS, Period.LAST_DAY);
        CacheEntry kept = entry("{}", 0);
        tier.writeIfVersion(aggregated, kept, TTL);

        assertThat(tier.deleteType(DataType.ANALYTICS)).isZero();

        assertThat(tier.read(aggregated).entry()).isEqualTo(kept);
    }

    @Test
    void deleting_everything_removes_every_value() {
        tier.writeIfVersion(ALICE_OVERVIEW, entry("{}", 0), TTL);
        tier.writeIfVersion(CacheKey.global(DataType.SYSTEM_STATUS), entry("{}", 0), TTL);
        tier.writeIfVersion(CacheKey.widget(BOB, WidgetType.of("heatmap")), entry("{}", 0), TTL);

        assertThat(tier.deleteEverything()).isGreaterThanOrEqualTo(3);

        assertThat(tier.read(ALICE_OVERVIEW).entry()).isNull();
        assertThat(tier.read(CacheKey.global(DataType.SYSTEM_STATUS)).entry()).isNull();
        assertThat(tier.read(CacheKey.widget(BOB, WidgetType.of("heatmap"))).entry()).isNull();
    }

    @Test
    void after_deleting_everything_a_load_under_the_version_read_now_is_stored() {
        tier.bumpVersions(List.of(ALICE_OVERVIEW.scope()));
        tier.writeIfVersion(ALICE_OVERVIEW, entry("{}", 1), TTL);
        tier.deleteEverything();

        long version = tier.read(ALICE_OVERVIEW).scopeVersion();
        CacheEntry reloaded = entry("{\"reloaded\":true}", version);

        assertThat(tier.writeIfVersion(ALICE_OVERVIEW, reloaded, TTL)).isTrue();
        assertThat(tier.read(ALICE_OVERVIEW).entry()).isEqualTo(reloaded);
    }

    // ---- named caches' entries: the same tier, guarded by the cache's scope and the entry's own

    @Test
    void a_named_entry_written_under_its_version_reads_back_and_stays_apart_from_other_caches() {
        CacheEntry order = entry("{\"order\":17}", tier.read(ORDER_17).scopeVersion());

        assertThat(tier.writeIfVersion(ORDER_17, order, TTL)).isTrue();

        assertThat(tier.read(ORDER_17).entry()).isEqualTo(order);
        assertThat(tier.read(INVOICE_17).entry()).isNull();
        assertThat(tier.readAll(List.of(ORDER_18, ORDER_17)).get(1).entry()).isNotNull();
    }

    @Test
    void bumping_a_named_entrys_scope_invalidates_that_entry_only_and_refuses_a_load_begun_before() {
        long before = tier.read(ORDER_17).scopeVersion();
        tier.writeIfVersion(ORDER_17, entry("{}", before), TTL);
        tier.writeIfVersion(ORDER_18, entry("{}", tier.read(ORDER_18).scopeVersion()), TTL);

        tier.bumpVersions(List.of(ORDER_17.entryScope()));

        SharedRead after = tier.read(ORDER_17);
        assertThat(after.entry()).isNull();
        assertThat(after.scopeVersion()).isNotEqualTo(before);
        assertThat(tier.writeIfVersion(ORDER_17, entry("{\"loaded\":\"before the evict\"}", before), TTL)).isFalse();
        assertThat(tier.read(ORDER_17).entry()).isNull();
        assertThat(tier.read(ORDER_18).entry()).as("another entry of the cache").isNotNull();
        assertThat(tier.writeIfVersion(ORDER_17, entry("{}", after.scopeVersion()), TTL)).isTrue();
    }

    @Test
    void bumping_a_named_caches_scope_invalidates_every_entry_of_it_and_refuses_loads_begun_before() {
        long before17 = tier.read(ORDER_17).scopeVersion();
        long before18 = tier.read(ORDER_18).scopeVersion();
        tier.writeIfVersion(ORDER_17, entry("{}", before17), TTL);
        tier.writeIfVersion(INVOICE_17, entry("{}", tier.read(INVOICE_17).scopeVersion()), TTL);

        tier.bumpVersions(List.of(new NamedCacheScope("orders")));

        assertThat(tier.read(ORDER_17).entry()).isNull();
        assertThat(tier.writeIfVersion(ORDER_18, entry("{}", before18), TTL)).isFalse();
        assertThat(tier.read(INVOICE_17).entry()).as("another named cache").isNotNull();
    }

    @Test
    void an_entry_and_a_cache_bump_both_move_a_named_keys_version() {
        long start = tier.read(ORDER_17).scopeVersion();
        tier.bumpVersions(List.of(ORDER_17.entryScope()));
        long afterEntry = tier.read(ORDER_17).scopeVersion();
        tier.bumpVersions(List.of(new NamedCacheScope("orders")));
        long afterCache = tier.read(ORDER_17).scopeVersion();
        tier.bumpVersions(List.of(ORDER_17.entryScope()));

        assertThat(List.of(start, afterEntry, afterCache, tier.read(ORDER_17).scopeVersion())).doesNotHaveDuplicates();
    }
}
