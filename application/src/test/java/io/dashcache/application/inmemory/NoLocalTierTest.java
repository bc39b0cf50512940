package io.dashcache.application.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.application.engine.LocalFillGuard;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.reading.SourceAnswer;
import io.dashcache.application.reading.TieredDashboardReader;
import io.dashcache.application.testing.DashboardReaders;
import io.dashcache.application.testing.InMemorySharedTier;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.domain.TtlPolicy;
import io.dashcache.domain.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoLocalTierTest {

    private static final CacheKey OVERVIEW_42 = CacheKey.forUser(DataType.OVERVIEW, UserId.of("42"));
    private static final CacheEntry ENTRY = CacheEntry.loaded(new byte[] {'{', '}'},
            Instant.parse("2026-11-25T10:00:00Z"), Duration.ofMinutes(5), Duration.ofMinutes(1), 0);

    private final NoLocalTier tier = new NoLocalTier();

    @Test
    void a_value_put_is_never_found() {
        tier.put(OVERVIEW_42, ENTRY);

        assertThat(tier.getIfPresent(OVERVIEW_42)).isNull();
        assertThat(tier.size()).isZero();
        assertThat(tier.weightInBytes()).isZero();
    }

    @Test
    void removing_and_invalidating_are_harmless_on_an_empty_tier() {
        tier.put(OVERVIEW_42, ENTRY);
        tier.remove(OVERVIEW_42);
        tier.invalidate(List.of(OVERVIEW_42.scope()));
        tier.invalidateType(DataType.OVERVIEW);
        tier.clear();

        assertThat(tier.getIfPresent(OVERVIEW_42)).isNull();
    }

    @Test
    void the_read_path_over_it_answers_every_repeated_read_from_the_shared_tier() {
        TieredDashboardReader reader = DashboardReaders.of(tier, new InMemorySharedTier(),
                key -> SourceAnswer.found("{\"n\":1}".getBytes(StandardCharsets.UTF_8)), TtlPolicy.defaults(),
                new LocalFillGuard(), CacheMetrics.NONE, Clock.systemUTC(), Runnable::run, new SplittableRandom(1),
                Duration.ofSeconds(1));

        assertThat(reader.read(OVERVIEW_42).outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(reader.read(OVERVIEW_42).outcome()).isEqualTo(CacheOutcome.L2_HIT);
        assertThat(reader.read(OVERVIEW_42).outcome()).isEqualTo(CacheOutcome.L2_HIT);
    }
}
