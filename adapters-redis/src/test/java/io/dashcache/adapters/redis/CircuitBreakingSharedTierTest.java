package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.application.testing.InMemorySharedTier;
import io.dashcache.application.testing.MutableClock;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CircuitBreakingSharedTierTest {

    private static final CacheKey KEY = CacheKey.forUser(DataType.OVERVIEW, UserId.of("42"));
    private static final Duration OPEN_FOR = Duration.ofSeconds(5);

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    private final CountingTier redis = new CountingTier();
    private final AtomicBoolean pingAnswers = new AtomicBoolean(true);
    private final AtomicInteger recoveries = new AtomicInteger();
    private final CircuitBreakingSharedTier tier = new CircuitBreakingSharedTier(redis, KeyFormat.standalone("t"),
            RedisShards.single(pingAnswers::get), new RedisBreakerSettings(50, 10, 4, OPEN_FOR, 2), "redis://127.0.0.1:1", clock);
    private final DependencyHealth pingUp = DependencyHealth.up("redis", "redis://127.0.0.1:1");
    private final AtomicBoolean pingCheckUp = new AtomicBoolean(true);
    private final RedisTierHealthCheck health = new RedisTierHealthCheck(() -> pingCheckUp.get() ? pingUp
            : DependencyHealth.degraded("redis", "no answer to PING"), tier);

    {
        tier.onRecovery(recoveries::incrementAndGet);
    }

    private void failUntilOpen() {
        redis.inner.goDown();
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> tier.read(KEY)).isInstanceOf(CacheTierUnavailableException.class);
        }
    }

    @Test
    void an_open_circuit_whose_redis_answers_ping_again_is_probed_at_once_not_after_the_open_time() {
        failUntilOpen();
        redis.inner.comeBack();
        pingAnswers.set(false);
        tier.probeIfOpen();
        assertThat(tier.state()).as("no answer yet").isEqualTo("OPEN");

        pingAnswers.set(true);
        tier.probeIfOpen(); // the clock has not moved: the open time is far from over

        assertThat(tier.isClosed()).isTrue();
        assertThat(recoveries.get()).isEqualTo(1);
    }

    @Test
    void a_closed_circuit_passes_every_call_to_redis() {
        tier.bumpVersions(Set.of(KEY.scope()));

        assertThat(tier.read(KEY).scopeVersion()).isEqualTo(1);
        assertThat(redis.calls.get()).isEqualTo(2);
        assertThat(tier.isClosed()).isTrue();
    }

    @Test
    void repeated_failures_open_the_circuit_and_then_calls_fail_fast_without_reaching_redis() {
        failUntilOpen();
        int callsWhenOpened = redis.calls.get();

        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(() -> tier.read(KEY)).isInstanceOf(CacheTierUnavailableException.class)
                    .hasMessageContaining("circuit OPEN");
        }

        assertThat(tier.state()).isEqualTo("OPEN");
        assertThat(redis.calls.get()).isEqualTo(callsWhenOpened);
    }

    @Test
    void a_single_failure_among_successes_does_not_open_the_circuit() {
        for (int i = 0; i < 6; i++) {
            tier.read(KEY);
        }
        redis.inner.goDown();
        assertThatThrownBy(() -> tier.read(KEY)).isInstanceOf(CacheTierUnavailableException.class);

        assertThat(tier.isClosed()).isTrue();
    }

    @Test
    void after_the_open_time_successful_probes_close_the_circuit_and_run_the_recovery_listener_once() {
        failUntilOpen();
        redis.inner.comeBack();
        assertThatThrownBy(() -> tier.read(KEY)).isInstanceOf(CacheTierUnavailableException.class);

        clock.advance(OPEN_FOR.plusMillis(1));
        tier.read(KEY);
        assertThat(tier.state()).isEqualTo("HALF_OPEN");
        tier.read(KEY);

        assertThat(tier.isClosed()).isTrue();
        assertThat(recoveries.get()).isEqualTo(1);
        tier.read(KEY);
        assertThat(recoveries.get()).isEqualTo(1);
    }

    @Test
    void a_failing_probe_opens_the_circuit_again_without_calling_the_recovery_listener() {
        failUntilOpen();
        clock.advance(OPEN_FOR.plusMillis(1));

        assertThatThrownBy(() -> tier.read(KEY)).isInstanceOf(CacheTierUnavailableException.class);
        assertThatThrownBy(() -> tier.read(KEY)).isInstanceOf(CacheTierUnavailableException.class);

        assertThat(tier.state()).isEqualTo("OPEN");
        assertThat(recoveries.get()).isZero();
    }

    @Test
    void a_refused_compare_and_set_counts_as_a_healthy_answer() {
        tier.bumpVersions(Set.of(KEY.scope()));
        CacheEntry underOldVersion = CacheEntry.loaded("{}".getBytes(), clock.instant(), Duration.ofMinutes(1),
                Duration.ofSeconds(10), 0);

        for (int i = 0; i < 20; i++) {
            assertThat(tier.writeIfVersion(KEY, underOldVersion, Duration.ofMinutes(1))).isFalse();
        }

        assertThat(tier.isClosed()).isTrue();
    }

    @Test
    void an_error_that_is_not_redis_failing_leaves_the_circuit_alone() {
        redis.breakWith = new IllegalStateException("a bug, not an outage");

        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> tier.read(KEY)).isInstanceOf(IllegalStateException.class);
        }

        assertThat(tier.isClosed()).isTrue();
    }

    @Test
    void health_is_degraded_while_the_circuit_is_open_even_when_redis_answers_ping() {
        failUntilOpen();

        DependencyHealth state = health.check();

        assertThat(state.state()).isEqualTo(DependencyHealth.State.DEGRADED);
        assertThat(state.detail()).contains("circuit OPEN");
    }

    @Test
    void health_probes_close_the_circuit_of_an_instance_nobody_reads_from() {
        failUntilOpen();
        redis.inner.comeBack();
        clock.advance(OPEN_FOR.plusMillis(1));

        assertThat(health.check().state()).isEqualTo(DependencyHealth.State.DEGRADED);
        DependencyHealth second = health.check();

        assertThat(second.state()).isEqualTo(DependencyHealth.State.UP);
        assertThat(tier.isClosed()).isTrue();
        assertThat(recoveries.get()).isEqualTo(1);
    }

    @Test
    void health_spends_no_probe_while_redis_does_not_answer_ping() {
        failUntilOpen();
        pingCheckUp.set(false);
        clock.advance(OPEN_FOR.plusMillis(1));

        for (int i = 0; i < 5; i++) {
            assertThat(health.check().detail()).contains("circuit OPEN").contains("no answer to PING");
        }

        assertThat(tier.state()).isEqualTo("OPEN");
    }

    @Test
    void health_is_the_ping_check_itself_while_the_circuit_is_closed() {
        assertThat(health.check()).isSameAs(pingUp);

        pingCheckUp.set(false);
        assertThat(health.check().state()).isEqualTo(DependencyHealth.State.DEGRADED);
    }

    /** The in-memory tier, counting the calls that reach it, and able to fail with any error. */
    private static final class CountingTier implements SharedCacheTier {

        final InMemorySharedTier inner = new InMemorySharedTier();
        final AtomicInteger calls = new AtomicInteger();
        volatile RuntimeException breakWith;

        private void called() {
            calls.incrementAndGet();
            if (breakWith != null) {
                throw breakWith;
            }
        }

        @Override
        public SharedRead read(EntryKey key) {
            called();
            return inner.read(key);
        }

        @Override
        public boolean writeIfVersion(EntryKey key, CacheEntry entry, Duration ttl) {
            called();
            return inner.writeIfVersion(key, entry, ttl);
        }

        @Override
        public Map<Scope, Long> bumpVersions(Collection<? extends Scope> scopes) {
            called();
            return inner.bumpVersions(scopes);
        }

        @Override
        public long deleteType(DataType type) {
            called();
            return inner.deleteType(type);
        }

        @Override
        public long deleteEverything() {
            called();
            return inner.deleteEverything();
        }
    }
}
