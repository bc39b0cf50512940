package io.dashcache.application.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.application.testing.InMemoryLocalTier;
import io.dashcache.application.testing.InstancesOnOneL2;
import io.dashcache.application.testing.InMemorySharedTier;
import io.dashcache.application.testing.InMemoryStoreNotices;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.CachePolicy;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** An instance that lost its copy to an invalidation takes the value another instance stores next, never an older one. */
class FollowStoredValuesTest {

    private static final CacheKey OVERVIEW_42 = CacheKey.forUser(DataType.OVERVIEW, UserId.of("42"));
    private static final Scope SCOPE = Scope.ofUser(DataType.OVERVIEW, UserId.of("42"));
    private static final CachePolicy POLICY = CachePolicy.of(Duration.ofMinutes(5), 0);

    private final InstancesOnOneL2 instances = new InstancesOnOneL2();
    private final InMemorySharedTier l2 = instances.l2;
    private final InMemoryStoreNotices notices = instances.notices;
    private final AtomicReference<String> engineAnswer = instances.engineAnswer;
    private final TieredCache.Loader loader = instances.loader;
    private final InMemoryLocalTier l1OfB = new InMemoryLocalTier();
    private final InMemoryLocalTier l1OfA = new InMemoryLocalTier();
    private final TieredCache a = instances.engine(l1OfA, new LocalFillGuard());
    private final LocalFillGuard guardOfB = new LocalFillGuard();
    private final TieredCache b = instances.engine(l1OfB, guardOfB);

    private void runRefresher() {
        instances.runRefresher();
    }

    /** The event: the engine's data changes, the version moves, and B drops (and follows) its copy. */
    private void event() {
        engineAnswer.set("v2");
        l2.bumpVersions(Set.of(SCOPE));
        l1OfA.invalidate(Set.of(SCOPE));
        guardOfB.invalidated(SCOPE);
        b.followStores(l1OfB.invalidate(Set.of(SCOPE)));
    }

    private static String body(io.dashcache.domain.CacheEntry entry) {
        return new String(entry.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void the_value_another_instance_stores_after_the_event_is_taken_into_l1() {
        a.read(OVERVIEW_42, POLICY, loader);
        b.read(OVERVIEW_42, POLICY, loader);
        event();
        assertThat(l1OfB.getIfPresent(OVERVIEW_42)).as("dropped").isNull();

        a.read(OVERVIEW_42, POLICY, loader); // A's refresh loads and stores under the new version
        notices.announce(OVERVIEW_42);
        runRefresher();

        assertThat(body(l1OfB.getIfPresent(OVERVIEW_42))).isEqualTo("v2");
        assertThat(b.read(OVERVIEW_42, POLICY, loader).outcome()).isEqualTo(CacheOutcome.L1_HIT);
        assertThat(notices.watching(OVERVIEW_42)).as("one value taken, then the watch ends").isZero();
    }

    @Test
    void a_notice_while_l2_holds_only_data_from_before_the_event_fills_nothing() {
        a.read(OVERVIEW_42, POLICY, loader);
        b.read(OVERVIEW_42, POLICY, loader);
        event();

        notices.announce(OVERVIEW_42); // L2 still holds v1, under the old version
        runRefresher();

        assertThat(l1OfB.getIfPresent(OVERVIEW_42)).isNull();
        assertThat(body(b.read(OVERVIEW_42, POLICY, loader).entry())).isEqualTo("v2");
    }

    @Test
    void a_second_invalidation_between_the_notice_and_the_fill_keeps_l1_empty() {
        a.read(OVERVIEW_42, POLICY, loader);
        b.read(OVERVIEW_42, POLICY, loader);
        event();
        a.read(OVERVIEW_42, POLICY, loader);
        notices.announce(OVERVIEW_42);

        engineAnswer.set("v3"); // another event before the refresher ran
        l2.bumpVersions(Set.of(SCOPE));
        guardOfB.invalidated(SCOPE);
        runRefresher();

        assertThat(l1OfB.getIfPresent(OVERVIEW_42)).isNull();
    }

    @Test
    void keys_nobody_dropped_are_not_followed() {
        a.read(OVERVIEW_42, POLICY, loader);

        notices.announce(OVERVIEW_42);
        runRefresher();

        assertThat(l1OfB.getIfPresent(OVERVIEW_42)).isNull();
    }
}
