package io.dashcache.adapters.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.application.port.out.reading.SharedCacheTierContract;
import io.dashcache.application.testing.InMemorySharedTier;
import io.dashcache.testsupport.PrometheusExposition;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The decorator keeps the tier's contract (it only delegates) and times every call. */
class MeteredSharedCacheTierTest extends SharedCacheTierContract {

    private final PrometheusMetrics metrics = new PrometheusMetrics();

    @Override
    protected SharedCacheTier newTier() {
        return new MeteredSharedCacheTier(new InMemorySharedTier(), metrics.registry());
    }

    @Nested
    class Timing {

        private final InMemorySharedTier inner = new InMemorySharedTier();
        private final SharedCacheTier metered = new MeteredSharedCacheTier(inner, metrics.registry());

        @Test
        void each_call_is_timed_by_operation_and_a_failure_is_timed_as_an_error_and_rethrown() {
            metered.read(ALICE_OVERVIEW);
            metered.read(BOB_OVERVIEW);
            metered.writeIfVersion(ALICE_OVERVIEW, entry("{}", 0), TTL);
            inner.goDown();
            assertThatThrownBy(() -> metered.read(ALICE_OVERVIEW)).isInstanceOf(CacheTierUnavailableException.class);

            PrometheusExposition exposition = PrometheusExposition.parse(metrics.scrape());

            String count = "dashcache_redis_command_duration_seconds_count";
            assertThat(exposition.value(count, Map.of("operation", "read", "result", "success"))).isEqualTo(2);
            assertThat(exposition.value(count, Map.of("operation", "write", "result", "success"))).isEqualTo(1);
            assertThat(exposition.value(count, Map.of("operation", "read", "result", "error"))).isEqualTo(1);
            assertThat(exposition.value(count, Map.of("operation", "delete_everything", "result", "success"))).isZero();
            assertThat(exposition.value("dashcache_redis_command_duration_seconds_bucket",
                    Map.of("operation", "read", "result", "success", "le", "0.001"))).isEqualTo(2);
        }
    }
}
