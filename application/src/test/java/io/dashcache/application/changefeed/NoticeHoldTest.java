package io.dashcache.application.changefeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.application.engine.CacheInvalidator;
import io.dashcache.application.engine.FollowStoredValues;
import io.dashcache.application.engine.InvalidationListener;
import io.dashcache.application.engine.LocalFillGuard;
import io.dashcache.application.engine.TieredCache;
import io.dashcache.application.port.messages.ChangeListener;
import io.dashcache.application.port.messages.DashboardChange;
import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.testing.InMemoryLocalTier;
import io.dashcache.application.testing.InstancesOnOneL2;
import io.dashcache.application.testing.InMemorySharedTier;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.CachePolicy;
import io.dashcache.domain.DashboardScope;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With refresh on invalidation, instance B's change stream tells a dashboard of a change only once B's L1
 * holds the fresh value (taken from the value instance A stored), so the dashboard's re-read is an L1 hit;
 * and never later than the bound. Each client records what B's L1 held at the moment it was told.
 */
class NoticeHoldTest {

    private static final UserId U42 = UserId.of("42");
    private static final CacheKey OVERVIEW_42 = CacheKey.forUser(DataType.OVERVIEW, U42);
    private static final DashboardScope SCOPE = Scope.ofUser(DataType.OVERVIEW, U42);
    private static final CachePolicy POLICY = CachePolicy.of(Duration.ofMinutes(5), 0);

    private final InstancesOnOneL2 instances = new InstancesOnOneL2();
    private final Clock clock = instances.clock;
    private final InMemorySharedTier l2 = instances.l2;
    private final TieredCache.Loader loader = instances.loader;
    private final InMemoryLocalTier l1OfA = new InMemoryLocalTier();
    private final InMemoryLocalTier l1OfB = new InMemoryLocalTier();
    private final LocalFillGuard guardOfB = new LocalFillGuard();
    private final TieredCache a = instances.engine(l1OfA, new LocalFillGuard());
    private final TieredCache b = instances.engine(l1OfB, guardOfB);
    private final ChangeFeed feedOfB = new ChangeFeed(ChangeFeedSettings.defaults(), clock, "feedb");
    /** B's invalidator as the core builds it: the feed its first listener, following stored values a later one. */
    private final CacheInvalidator invalidatorOfB = new CacheInvalidator(l1OfB, l2, message -> { }, guardOfB,
            CacheMetrics.NONE, "instance-b", feedOfB);
    private NoticeHold hold;

    {
        invalidatorOfB.alsoTell(new FollowStoredValues(b));
    }

    /** B's feed holds notices, up to {@code bound}. */
    private void holding(Duration bound) {
        hold = new NoticeHold(l1OfB, bound);
        b.whenFilled(hold::filled);
        feedOfB.holdUntilFresh(hold);
    }

    @AfterEach
    void close() {
        if (hold != null) {
            hold.close();
        }
    }

    /** A dashboard on B: what it was told, and what B's L1 held for the overview at that moment. */
    private final class Dashboard implements ChangeListener {
        final List<DashboardChange> told = new CopyOnWriteArrayList<>();
        final List<String> l1WhenTold = new CopyOnWriteArrayList<>();

        @Override
        public boolean offer(DashboardChange change) {
            CacheEntry inL1 = l1OfB.getIfPresent(OVERVIEW_42);
            l1WhenTold.add(inL1 == null ? "nothing" : new String(inL1.payload(), StandardCharsets.UTF_8));
            told.add(change);
            return true;
        }

        @Override
        public void dropped() {
        }
    }

    private Dashboard watching() {
        Dashboard dashboard = new Dashboard();
        feedOfB.watch(U42, null, dashboard);
        return dashboard;
    }

    /** Both instances read the overview; then the event, as B's invalidator applies A's broadcast. */
    private void readEverywhereThenEvent() {
        a.read(OVERVIEW_42, POLICY, loader);
        b.read(OVERVIEW_42, POLICY, loader);
        instances.engineAnswer.set("v2");
        l2.bumpVersions(Set.of(SCOPE));
        l1OfA.invalidate(Set.of(SCOPE));
        invalidatorOfB.onInvalidation(fromA());
    }

    private static InvalidationMessage fromA() {
        return InvalidationMessage.ofScopes("instance-a", Set.of(SCOPE), "e-1");
    }

    /** A's refresh loads the new data and stores it; its store notice reaches B, whose refresher takes it. */
    private void refreshOnAFollowedByB() {
        a.read(OVERVIEW_42, POLICY, loader);
        instances.notices.announce(OVERVIEW_42);
        instances.runRefresher();
    }

    @Test
    void the_change_is_told_once_the_fresh_value_is_in_l1_so_the_re_read_is_an_l1_hit_on_the_new_data() {
        holding(Duration.ofSeconds(30));
        Dashboard dashboard = watching();

        readEverywhereThenEvent();
        assertThat(dashboard.told).as("held while B's L1 has nothing fresh").isEmpty();

        refreshOnAFollowedByB();

        assertThat(dashboard.told).extracting(DashboardChange::typeName, DashboardChange::eventId)
                .containsExactly(org.assertj.core.api.Assertions.tuple("overview", "e-1"));
        assertThat(dashboard.l1WhenTold).containsExactly("v2");
        assertThat(b.read(OVERVIEW_42, POLICY, loader).outcome()).isEqualTo(CacheOutcome.L1_HIT);
        assertThat(feedOfB.toldFresh()).isEqualTo(1);
        assertThat(feedOfB.toldNotFresh()).isZero();
    }

    @Test
    void when_no_fresh_value_comes_the_change_is_told_at_the_bound_and_counted_as_not_fresh() {
        holding(Duration.ofMillis(50));
        Dashboard dashboard = watching();

        readEverywhereThenEvent(); // nobody refreshes

        await().atMost(Duration.ofSeconds(10)).until(() -> dashboard.told.size() == 1);
        assertThat(dashboard.l1WhenTold).containsExactly("nothing");
        assertThat(feedOfB.toldNotFresh()).isEqualTo(1);
        assertThat(hold.heldScopes()).as("the hold is forgotten at its bound").isZero();
    }

    @Test
    void a_part_nobody_read_here_lately_is_told_at_once() {
        holding(Duration.ofSeconds(30));
        Dashboard dashboard = watching();

        invalidatorOfB.onInvalidation(fromA()); // B's L1 held nothing of it

        assertThat(dashboard.told).hasSize(1);
        assertThat(feedOfB.toldNotFresh()).isEqualTo(1);
    }

    @Test
    void a_value_filled_between_the_drop_and_the_notice_lets_the_notice_go_at_once_as_fresh() {
        holding(Duration.ofSeconds(30));
        Dashboard dashboard = watching();
        a.read(OVERVIEW_42, POLICY, loader);
        b.read(OVERVIEW_42, POLICY, loader);
        instances.engineAnswer.set("v2");
        l2.bumpVersions(Set.of(SCOPE));
        // a reader on B loads the new data between the drop and the notice (a listener after the feed, here)
        invalidatorOfB.alsoTell(new InvalidationListener() {
            @Override
            public void droppedFromL1(List<EntryKey> keys) {
                b.read(OVERVIEW_42, POLICY, loader);
            }

            @Override
            public void invalidated(InvalidationMessage message) {
            }

            @Override
            public void invalidationsMayHaveBeenMissed() {
            }
        });
        invalidatorOfB.onInvalidation(fromA());

        assertThat(dashboard.l1WhenTold).containsExactly("v2");
        assertThat(feedOfB.toldFresh()).isEqualTo(1);
    }

    @Test
    void without_a_hold_the_change_is_told_at_once_as_before() {
        Dashboard dashboard = watching();

        readEverywhereThenEvent();

        assertThat(dashboard.l1WhenTold).containsExactly("nothing");
        assertThat(feedOfB.toldNotFresh()).isEqualTo(1);
    }
}
