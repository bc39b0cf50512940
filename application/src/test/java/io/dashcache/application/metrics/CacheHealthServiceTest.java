package io.dashcache.application.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.application.port.in.metrics.ReadCacheHealth.HealthReport;
import io.dashcache.application.port.messages.DependencyHealth.State;
import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.out.metrics.DependencyCheck;
import io.dashcache.application.testing.InMemoryLocalTier;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CacheHealthServiceTest {

    private static final DependencyHealth REDIS_UP = DependencyHealth.up("redis", "PONG in 1 ms");
    private static final DependencyHealth ENGINE_UP = DependencyHealth.up("engine", "last call 200");
    private static final DependencyHealth REDIS_DOWN = DependencyHealth.degraded("redis", "connection refused");

    private final InMemoryLocalTier l1 = new InMemoryLocalTier();

    private HealthReport healthOf(DependencyHealth... states) {
        List<DependencyCheck> checks = new ArrayList<>();
        for (DependencyHealth state : states) {
            checks.add(() -> state);
        }
        return new CacheHealthService(checks, l1).health();
    }

    @Test
    void with_every_dependency_up_the_cache_is_up() {
        HealthReport report = healthOf(REDIS_UP, ENGINE_UP);

        assertThat(report.status()).isEqualTo(State.UP);
        assertThat(report.dependencies()).containsExactly(REDIS_UP, ENGINE_UP);
    }

    @Test
    void with_one_dependency_degraded_the_cache_is_degraded_and_says_which() {
        HealthReport report = healthOf(REDIS_DOWN, ENGINE_UP);

        assertThat(report.status()).isEqualTo(State.DEGRADED);
        assertThat(report.dependencies()).containsExactly(REDIS_DOWN, ENGINE_UP);
    }

    @Test
    void a_check_that_throws_reads_as_degraded_and_the_report_still_comes() {
        DependencyCheck broken = () -> {
            throw new IllegalStateException("boom");
        };

        HealthReport report = new CacheHealthService(List.of(broken, () -> ENGINE_UP), l1).health();

        assertThat(report.status()).isEqualTo(State.DEGRADED);
        assertThat(report.dependencies().get(0).state()).isEqualTo(State.DEGRADED);
        assertThat(report.dependencies().get(0).detail()).contains("boom");
        assertThat(report.dependencies().get(1)).isEqualTo(ENGINE_UP);
    }

    @Test
    void with_every_dependency_degraded_the_cache_is_still_only_degraded() {
        HealthReport report = healthOf(REDIS_DOWN, DependencyHealth.degraded("engine", "timeout"));

        assertThat(report.status()).isEqualTo(State.DEGRADED);
    }

    @Test
    void without_dependencies_the_cache_is_up() {
        HealthReport report = healthOf();

        assertThat(report.status()).isEqualTo(State.UP);
        assertThat(report.dependencies()).isEmpty();
    }

    @Test
    void the_report_counts_the_entries_and_bytes_of_l1() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        CacheEntry small = CacheEntry.loaded(new byte[10], now, Duration.ofMinutes(1), Duration.ZERO, 0);
        CacheEntry large = CacheEntry.loaded(new byte[1000], now, Duration.ofMinutes(1), Duration.ZERO, 0);
        l1.put(CacheKey.forUser(DataType.OVERVIEW, UserId.of("1")), small);
        l1.put(CacheKey.forUser(DataType.OVERVIEW, UserId.of("2")), large);

        HealthReport report = healthOf(REDIS_UP);

        assertThat(report.l1Entries()).isEqualTo(2);
        assertThat(report.l1Bytes()).isEqualTo(small.sizeInBytes() + large.sizeInBytes());
        assertThat(healthOf().l1Entries()).isEqualTo(2);
    }

    @Test
    void an_empty_l1_counts_zero() {
        HealthReport report = healthOf(REDIS_UP);

        assertThat(report.l1Entries()).isZero();
        assertThat(report.l1Bytes()).isZero();
    }

    @Test
    void every_report_asks_the_checks_again() {
        AtomicReference<DependencyHealth> redis = new AtomicReference<>(REDIS_UP);
        CacheHealthService health = new CacheHealthService(List.of(redis::get), l1);

        assertThat(health.health().status()).isEqualTo(State.UP);
        redis.set(REDIS_DOWN);
        assertThat(health.health().status()).isEqualTo(State.DEGRADED);
        redis.set(REDIS_UP);
        assertThat(health.health().status()).isEqualTo(State.UP);
    }

    @Test
    void the_checks_are_fixed_at_construction() {
        List<DependencyCheck> checks = new ArrayList<>(List.of(() -> REDIS_UP));
        CacheHealthService health = new CacheHealthService(checks, l1);
        checks.add(() -> REDIS_DOWN);

        assertThat(health.health().dependencies()).containsExactly(REDIS_UP);
    }
}
