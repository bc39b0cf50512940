package io.dashcache.adapters.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dashcache.application.port.messages.OutcomeCounts;
import io.dashcache.application.port.out.metrics.LatencyHistogram;
import io.dashcache.application.port.out.metrics.MetricsSnapshot;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.testsupport.PrometheusExposition.Sample;
import io.dashcache.testsupport.PrometheusExposition;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MicrometerCacheMetricsTest {

    private final PrometheusMetrics prometheus = new PrometheusMetrics();
    private final MicrometerCacheMetrics metrics = new MicrometerCacheMetrics(prometheus.registry());

    private static long ms(double millis) {
        return Math.round(millis * 1_000_000);
    }

    private PrometheusExposition scrape() {
        return PrometheusExposition.parse(prometheus.scrape());
    }

    @Test
    void every_type_and_outcome_has_its_series_from_the_start() {
        PrometheusExposition exposition = scrape();

        for (DataType type : DataType.values()) {
            for (String outcome : List.of("L1_HIT", "L2_HIT", "MISS", "STALE", "ERROR")) {
                assertThat(exposition.value("dashcache_cache_gets_total", Map.of("type", type.segment(), "outcome", outcome)))
                        .isZero();
            }
            assertThat(exposition.value("dashcache_cache_request_duration_seconds_count", Map.of("type", type.segment())))
                    .isZero();
        }
        assertThat(exposition.family("dashcache_cache_gets_total").type()).isEqualTo("counter");
        assertThat(exposition.family("dashcache_cache_gets_total").help()).isNotBlank();
    }

    @Test
    void reads_are_counted_per_type_and_outcome_and_reads_beyond_l1_timed_in_a_histogram() {
        metrics.recordRead(DataType.OVERVIEW.segment(), CacheOutcome.L1_HIT, ms(0.002));
        metrics.recordRead(DataType.OVERVIEW.segment(), CacheOutcome.L1_HIT, ms(0.003));
        metrics.recordRead(DataType.OVERVIEW.segment(), CacheOutcome.MISS, ms(42));
        metrics.recordReadError(DataType.OVERVIEW.segment(), ms(2_000));

        PrometheusExposition exposition = scrape();

        Map<String, String> overview = Map.of("type", "overview");
        assertThat(exposition.value("dashcache_cache_gets_total", Map.of("type", "overview", "outcome", "L1_HIT"))).isEqualTo(2);
        assertThat(exposition.value("dashcache_cache_gets_total", Map.of("type", "overview", "outcome", "MISS"))).isEqualTo(1);
        assertThat(exposition.value("dashcache_cache_gets_total", Map.of("type", "overview", "outcome", "ERROR"))).isEqualTo(1);
        // the two L1 hits are counted above, not timed: the histogram holds the reads beyond L1
        assertThat(exposition.value("dashcache_cache_request_duration_seconds_count", overview)).isEqualTo(2);
        assertThat(exposition.value("dashcache_cache_request_duration_seconds_sum", overview)).isCloseTo(2.042, within(1e-6));
        assertThat(exposition.value("dashcache_cache_request_duration_seconds_bucket", Map.of("type", "overview", "le", "0.05")))
                .as("the grade bound of excellent is a bucket").isEqualTo(1);
        assertThat(exposition.value("dashcache_cache_request_duration_seconds_bucket", Map.of("type", "overview", "le", "0.1")))
                .isEqualTo(1);
        // the report's distribution is every read: the L1 hits in its lowest bucket, adding nothing to the sum
        io.dashcache.application.port.out.metrics.LatencyHistogram all =
                metrics.read().types().get(DataType.OVERVIEW).readLatency();
        assertThat(all.count()).isEqualTo(4);
        assertThat(all.sumNanos()).isEqualTo(ms(2_042));
        assertThat(all.cumulativeCounts()[0]).isEqualTo(2);
        assertThat(exposition.family("dashcache_cache_request_duration_seconds").type()).isEqualTo("histogram");
    }

    @Test
    void the_histograms_have_the_grade_bounds_and_fine_buckets_below_a_millisecond() {
        metrics.recordRead(DataType.ANALYTICS.segment(), CacheOutcome.L2_HIT, ms(1));

        List<Double> bounds = scrape().family("dashcache_cache_request_duration_seconds").samples().stream()
                .filter(sample -> sample.name().endsWith("_bucket") && sample.labels().get("type").equals("analytics"))
                .map(Sample::labels).map(labels -> labels.get("le")).filter(le -> !le.equals("+Inf"))
                .map(Double::parseDouble).toList();

        assertThat(bounds).contains(0.05, 0.1, 0.2, 0.5, 1.0);
        assertThat(bounds.stream().filter(bound -> bound < 0.0001).count()).as("buckets under 0.1 ms").isGreaterThan(3);
        assertThat(bounds.get(0)).as("the finest bound").isLessThanOrEqualTo(0.00001);
        assertThat(bounds.size()).as("a bounded number of buckets").isLessThan(110);
    }

    @Test
    void loads_stale_writes_invalidations_and_tier_errors_have_their_series() {
        metrics.recordLoad(DataType.WIDGET_DATA.segment(), ms(12), true);
        metrics.recordLoad(DataType.WIDGET_DATA.segment(), ms(2_000), false);
        metrics.recordStaleWriteRefused(DataType.WIDGET_DATA.segment());
        metrics.recordInvalidation("detection.created", 7);
        metrics.recordInvalidation("detection.created", 2);
        metrics.recordInvalidation("operator", 0);
        metrics.recordTierError("read");
        metrics.recordTierError("read");
        metrics.recordTierError("publish");

        PrometheusExposition exposition = scrape();

        assertThat(exposition.value("dashcache_cache_load_duration_seconds_count", Map.of("type", "widget_data")))
                .as("failed loads are timed too").isEqualTo(2);
        assertThat(exposition.value("dashcache_cache_load_failures_total", Map.of("type", "widget_data"))).isEqualTo(1);
        assertThat(exposition.value("dashcache_cache_stale_writes_refused_total", Map.of("type", "widget_data"))).isEqualTo(1);
        assertThat(exposition.value("dashcache_cache_invalidations_total", Map.of("cause", "detection.created"))).isEqualTo(2);
        assertThat(exposition.value("dashcache_cache_invalidated_scopes_total", Map.of("cause", "detection.created"))).isEqualTo(9);
        assertThat(exposition.value("dashcache_cache_invalidations_total", Map.of("cause", "operator"))).isEqualTo(1);
        assertThat(exposition.value("dashcache_cache_tier_errors_total", Map.of("operation", "read"))).isEqualTo(2);
        assertThat(exposition.value("dashcache_cache_tier_errors_total", Map.of("operation", "publish"))).isEqualTo(1);
    }

    @Test
    void uncacheable_answers_lease_waits_and_the_warmer_have_their_series() {
        java.util.concurrent.atomic.AtomicInteger queue = new java.util.concurrent.atomic.AtomicInteger(7);
        metrics.recordUncacheable(DataType.OVERVIEW.segment());
        metrics.recordLeaseWait(DataType.OVERVIEW.segment(), ms(30), true);
        metrics.recordLeaseWait(DataType.OVERVIEW.segment(), ms(900), false);
        metrics.recordWarm(io.dashcache.application.port.messages.WarmKind.ON_DEMAND,
                io.dashcache.application.port.messages.WarmOutcome.WARMED);
        metrics.watchWarmQueue(queue::get);

        PrometheusExposition exposition = scrape();

        assertThat(exposition.value("dashcache_cache_uncacheable_total", Map.of("type", "overview"))).isEqualTo(1);
        assertThat(exposition.value("dashcache_cache_lease_wait_seconds_count",
                Map.of("type", "overview", "result", "served_by_winner"))).isEqualTo(1);
        assertThat(exposition.value("dashcache_cache_lease_wait_seconds_count",
                Map.of("type", "overview", "result", "loaded_here"))).isEqualTo(1);
        assertThat(exposition.value("dashcache_warmer_tasks_total", Map.of("kind", "on_demand", "outcome", "warmed")))
                .isEqualTo(1);
        assertThat(exposition.value("dashcache_warmer_queue_length", Map.of())).isEqualTo(7);
    }

    @Test
    void a_malformed_or_one_too_many_tag_value_is_counted_as_other() {
        metrics.recordInvalidation("Not A Cause!", 1);
        for (int i = 0; i < 70; i++) {
            metrics.recordTierError("op" + i);
        }

        PrometheusExposition exposition = scrape();

        assertThat(exposition.value("dashcache_cache_invalidations_total", Map.of("cause", "other"))).isEqualTo(1);
        assertThat(exposition.family("dashcache_cache_tier_errors_total").samples()).hasSize(65);
        assertThat(exposition.value("dashcache_cache_tier_errors_total", Map.of("operation", "other"))).isEqualTo(6);
        assertThat(metrics.read().tierErrors()).isEqualTo(70);
    }

    @Test
    void the_snapshot_holds_the_cumulative_counts_and_buckets() {
        for (int i = 0; i < 90; i++) {
            metrics.recordRead(DataType.NOTIFICATIONS.segment(), CacheOutcome.L1_HIT, ms(0.004));
        }
        for (int i = 0; i < 10; i++) {
            metrics.recordRead(DataType.NOTIFICATIONS.segment(), CacheOutcome.MISS, ms(150));
        }
        metrics.recordReadError(DataType.NOTIFICATIONS.segment(), ms(3));
        metrics.recordLoad(DataType.NOTIFICATIONS.segment(), ms(140), true);
        metrics.recordLoad(DataType.NOTIFICATIONS.segment(), ms(900), false);

        MetricsSnapshot snapshot = metrics.read();

        var notifications = snapshot.of(DataType.NOTIFICATIONS);
        assertThat(notifications.reads()).isEqualTo(new OutcomeCounts(90, 0, 10, 0, 1));
        assertThat(notifications.readLatency().count()).isEqualTo(101);
        assertThat(notifications.loadLatency().count()).isEqualTo(2);
        assertThat(notifications.loadFailures()).isEqualTo(1);
        // p50 falls among the 4 µs hits (the first bucket, up to 10 µs), p95 among the 150 ms misses: the buckets bracket them
        assertThat(notifications.readLatency().quantile(0.50)).isLessThanOrEqualTo(Duration.ofNanos(10_000));
        assertThat(notifications.readLatency().quantile(0.95)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(snapshot.of(DataType.OVERVIEW).reads().total()).isZero();

        LatencyHistogram histogram = notifications.readLatency();
        long[] bounds = histogram.upperBoundsNanos();
        assertThat(Arrays.stream(bounds).boxed().toList()).contains(Duration.ofMillis(100).toNanos(), Duration.ofMillis(200).toNanos());
    }

    @Test
    void two_snapshots_subtract_to_what_happened_between_them() {
        metrics.recordRead(DataType.OVERVIEW.segment(), CacheOutcome.MISS, ms(300));
        MetricsSnapshot before = metrics.read();
        metrics.recordRead(DataType.OVERVIEW.segment(), CacheOutcome.L1_HIT, ms(0.002));

        MetricsSnapshot between = metrics.read().minus(before);

        assertThat(between.of(DataType.OVERVIEW).reads()).isEqualTo(new OutcomeCounts(1, 0, 0, 0, 0));
        assertThat(between.of(DataType.OVERVIEW).readLatency().quantile(0.99)).isLessThan(Duration.ofNanos(10_000));
    }

    @Test
    void the_invalidation_lag_is_a_histogram_per_stage_from_the_start_and_in_the_snapshot() {
        for (io.dashcache.application.port.messages.InvalidationLagStage stage
                : io.dashcache.application.port.messages.InvalidationLagStage.values()) {
            assertThat(scrape().value("dashcache_invalidation_lag_seconds_count", Map.of("stage", stage.label())))
                    .isZero();
        }

        metrics.recordInvalidationLag(io.dashcache.application.port.messages.InvalidationLagStage.STREAM_TO_HEARD,
                java.time.Duration.ofMillis(30));
        metrics.recordInvalidationLag(io.dashcache.application.port.messages.InvalidationLagStage.STREAM_TO_HEARD,
                java.time.Duration.ofMillis(700));
        metrics.recordInvalidationLag(io.dashcache.application.port.messages.InvalidationLagStage.OCCURRED_TO_BUMPED,
                java.time.Duration.ofMillis(-5));

        PrometheusExposition exposition = scrape();
        assertThat(exposition.family("dashcache_invalidation_lag_seconds").type()).isEqualTo("histogram");
        assertThat(exposition.value("dashcache_invalidation_lag_seconds_count", Map.of("stage", "stream_to_heard")))
                .isEqualTo(2);
        assertThat(exposition.value("dashcache_invalidation_lag_seconds_bucket",
                Map.of("stage", "stream_to_heard", "le", "0.05"))).isEqualTo(1);
        assertThat(exposition.value("dashcache_invalidation_lag_seconds_bucket",
                Map.of("stage", "stream_to_heard", "le", "1.0"))).isEqualTo(2);
        assertThat(exposition.value("dashcache_invalidation_lag_seconds_sum", Map.of("stage", "occurred_to_bumped")))
                .isZero();
        assertThat(metrics.read().lag(io.dashcache.application.port.messages.InvalidationLagStage.STREAM_TO_HEARD)
                .count()).isEqualTo(2);
        assertThat(metrics.read().lag(io.dashcache.application.port.messages.InvalidationLagStage.STREAM_TO_HEARD)
                .quantile(0.5)).isBetween(java.time.Duration.ofMillis(25), java.time.Duration.ofMillis(50));
    }
}
