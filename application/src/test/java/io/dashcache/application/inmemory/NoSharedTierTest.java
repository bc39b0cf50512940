package io.dashcache.application.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.dashcache.application.port.out.reading.SharedCacheTier.SharedRead;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Period;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NoSharedTierTest {

    private static final CacheKey OVERVIEW_42 = CacheKey.forUser(DataType.OVERVIEW, UserId.of("42"));

    private final NoSharedTier tier = new NoSharedTier();

    @Test
    void every_read_misses_at_version_zero() {
        assertThat(tier.read(OVERVIEW_42)).isEqualTo(new SharedRead(null, 0));
        assertThat(tier.read(CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_DAY))).isEqualTo(new SharedRead(null, 0));
    }

    @Test
    void a_write_is_accepted_and_kept_nowhere() {
        CacheEntry entry = CacheEntry.loaded(new byte[] {'{', '}'}, Instant.parse("2026-11-25T10:00:00Z"),
                Duration.ofMinutes(5), Duration.ofMinutes(1), 0);

        assertThat(tier.writeIfVersion(OVERVIEW_42, entry, Duration.ofMinutes(6))).isTrue();
        assertThat(tier.read(OVERVIEW_42).entry()).isNull();
    }

    @Test
    void a_write_under_any_version_is_accepted_because_versions_never_move() {
        CacheEntry entry = CacheEntry.absent(Instant.parse("2026-11-25T10:00:00Z"), Duration.ofSeconds(30), 7);

        assertThat(tier.writeIfVersion(OVERVIEW_42, entry, Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void bumping_versions_leaves_every_scope_at_zero_in_the_order_given() {
        List<Scope> scopes = List.of(Scope.global(DataType.SYSTEM_STATUS), OVERVIEW_42.scope(),
                Scope.global(DataType.ANALYTICS));

        assertThat(tier.bumpVersions(scopes)).containsExactly(
                entry(Scope.global(DataType.SYSTEM_STATUS), 0L),
                entry(OVERVIEW_42.scope(), 0L),
                entry(Scope.global(DataType.ANALYTICS), 0L));
        assertThat(tier.bumpVersions(List.of())).isEmpty();
        assertThat(tier.read(OVERVIEW_42).scopeVersion()).isZero();
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void deleting_a_type_deletes_nothing(DataType type) {
        assertThat(tier.deleteType(type)).isZero();
    }

    @Test
    void deleting_everything_deletes_nothing() {
        assertThat(tier.deleteEverything()).isZero();
    }
}
