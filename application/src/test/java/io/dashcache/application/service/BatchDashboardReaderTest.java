package io.dashcache.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.application.engine.LocalFillGuard;
import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.application.port.in.reading.GetDashboardParts.PartRead;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.reading.SharedCacheTier.SharedRead;
import io.dashcache.application.port.out.reading.SourceAnswer;
import io.dashcache.application.port.out.reading.SourceUnavailableException;
import io.dashcache.application.reading.TieredDashboardReader;
import io.dashcache.application.testing.DashboardReaders;
import io.dashcache.application.testing.InMemoryLocalTier;
import io.dashcache.application.testing.InMemorySharedTier;
import io.dashcache.application.testing.MutableClock;
import io.dashcache.application.testing.ScriptedSource;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.TtlPolicy;
import io.dashcache.domain.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BatchDashboardReaderTest {

    private static final UserId USER = UserId.of("42");
    private static final CacheKey OVERVIEW = CacheKey.forUser(DataType.OVERVIEW, USER);
    private static final CacheKey NEWS = CacheKey.forUser(DataType.NOTIFICATIONS, USER);
    private static final CacheKey STATUS = CacheKey.global(DataType.SYSTEM_STATUS);

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    private final InMemoryLocalTier l1 = new InMemoryLocalTier();
    private final AtomicInteger batchReads = new AtomicInteger();
    private final InMemorySharedTier l2 = new InMemorySharedTier();
    private final ScriptedSource engine = new ScriptedSource();
    private final TieredDashboardReader reader = DashboardReaders.of(l1, new CountingBatches(), engine,
            TtlPolicy.defaults().withJitter(0), new LocalFillGuard(), CacheMetrics.NONE, clock, Runnable::run,
            RandomGenerator.of("L64X128MixRandom"), Duration.ofSeconds(5));
    private final TieredDashboardReader batch = reader;

    @Test
    void l1_answers_first_l2_answers_the_rest_in_one_call_and_only_misses_are_loaded() {
        engine.answerJson("{}");
        reader.read(OVERVIEW);            // now in L1 and L2
        l1.remove(OVERVIEW);
        reader.read(STATUS);              // in L1 and L2
        int loadsBefore = engine.calls();

        Map<CacheKey, PartRead> parts = batch.readAll(List.of(OVERVIEW, NEWS, STATUS, OVERVIEW));

        assertThat(parts.keySet()).containsExactly(OVERVIEW, NEWS, STATUS);
        assertThat(parts.get(STATUS).read().outcome()).isEqualTo(CacheOutcome.L1_HIT);
        assertThat(parts.get(OVERVIEW).read().outcome()).isEqualTo(CacheOutcome.L2_HIT);
        assertThat(parts.get(NEWS).read().outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(engine.calls() - loadsBefore).isEqualTo(1);
        assertThat(batchReads).hasValue(1);
    }

    @Test
    void a_part_whose_load_fails_carries_its_failure_while_the_others_answer() {
        engine.answer(key -> {
            if (key.equals(NEWS)) {
                throw new SourceUnavailableException(SourceUnavailableException.Reason.TIMEOUT, "slow");
            }
            return SourceAnswer.found(ScriptedSource.json("{}"));
        });

        Map<CacheKey, PartRead> parts = batch.readAll(List.of(OVERVIEW, NEWS));

        assertThat(parts.get(OVERVIEW).ok()).isTrue();
        assertThat(parts.get(NEWS).failure()).isInstanceOf(SourceUnavailableException.class);
    }

    @Test
    void with_l2_down_the_batch_goes_on_with_the_engine() {
        engine.answerJson("{}");
        l2.goDown();

        Map<CacheKey, PartRead> parts = batch.readAll(List.of(OVERVIEW, STATUS));

        assertThat(parts.values()).extracting(PartRead::read).extracting(DashboardRead::outcome)
                .containsOnly(CacheOutcome.MISS);
    }

    /** The in-memory L2, counting batch reads. */
    private final class CountingBatches implements io.dashcache.application.port.out.reading.SharedCacheTier {

        @Override
        public List<SharedRead> readAll(List<? extends EntryKey> keys) {
            batchReads.incrementAndGet();
            return keys.stream().map(l2::read).toList();
        }

        @Override
        public SharedRead read(EntryKey key) {
            return l2.read(key);
        }

        @Override
        public boolean writeIfVersion(EntryKey key, io.dashcache.domain.CacheEntry entry, Duration ttl) {
            return l2.writeIfVersion(key, entry, ttl);
        }

        @Override
        public Map<io.dashcache.domain.Scope, Long> bumpVersions(
                java.util.Collection<? extends io.dashcache.domain.Scope> scopes) {
            return l2.bumpVersions(scopes);
        }

        @Override
        public long deleteType(DataType type) {
            return l2.deleteType(type);
        }

        @Override
        public long deleteEverything() {
            return l2.deleteEverything();
        }
    }
}
