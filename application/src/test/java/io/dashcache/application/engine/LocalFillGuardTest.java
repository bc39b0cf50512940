package io.dashcache.application.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.domain.DashboardScope;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LocalFillGuardTest {

    private static final Scope OVERVIEW_42 = Scope.ofUser(DataType.OVERVIEW, UserId.of("42"));

    private final LocalFillGuard guard = new LocalFillGuard();

    private static List<DashboardScope> manyScopes() {
        return IntStream.range(0, 1000).mapToObj(i -> Scope.ofUser(DataType.OVERVIEW, UserId.of("user-" + i))).toList();
    }

    @Test
    void a_stamp_stays_the_same_while_nothing_is_invalidated() {
        long stamp = guard.stamp(OVERVIEW_42);

        assertThat(guard.stamp(OVERVIEW_42)).isEqualTo(stamp);
        assertThat(guard.unchangedSince(OVERVIEW_42, stamp)).isTrue();
    }

    @Test
    void invalidating_a_scope_changes_its_stamp() {
        long stamp = guard.stamp(OVERVIEW_42);

        guard.invalidated(OVERVIEW_42);

        assertThat(guard.stamp(OVERVIEW_42)).isNotEqualTo(stamp);
        assertThat(guard.unchangedSince(OVERVIEW_42, stamp)).isFalse();
    }

    @Test
    void a_stamp_taken_after_an_invalidation_is_current_again() {
        guard.invalidated(OVERVIEW_42);
        long stamp = guard.stamp(OVERVIEW_42);

        assertThat(guard.unchangedSince(OVERVIEW_42, stamp)).isTrue();
    }

    @Test
    void invalidating_everything_changes_every_stamp() {
        List<DashboardScope> scopes = manyScopes();
        List<Long> before = scopes.stream().map(guard::stamp).toList();

        guard.invalidatedAll();

        assertThat(IntStream.range(0, scopes.size()).filter(i -> guard.unchangedSince(scopes.get(i), before.get(i))))
                .isEmpty();
        assertThat(guard.unchangedSince(Scope.global(DataType.ANALYTICS), 0)).isFalse();
    }

    @Test
    void invalidating_one_scope_leaves_the_stamps_of_almost_every_other_scope_alone() {
        List<DashboardScope> others = manyScopes();
        List<Long> before = others.stream().map(guard::stamp).toList();

        guard.invalidated(OVERVIEW_42);

        long moved = IntStream.range(0, others.size())
                .filter(i -> !guard.unchangedSince(others.get(i), before.get(i))).count();
        assertThat(moved).as("only scopes sharing the stripe (about 1 in 1024) move").isLessThanOrEqualTo(10);
    }

    @Test
    void concurrent_invalidations_are_all_counted() throws Exception {
        long start = guard.stamp(OVERVIEW_42);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = IntStream.range(0, 4).<Future<?>>mapToObj(t -> pool.submit(() -> {
                for (int i = 0; i < 1000; i++) {
                    guard.invalidated(OVERVIEW_42);
                }
            })).toList();
            for (Future<?> each : done) {
                each.get(5, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(guard.stamp(OVERVIEW_42)).isEqualTo(start + 4000);
    }
}
