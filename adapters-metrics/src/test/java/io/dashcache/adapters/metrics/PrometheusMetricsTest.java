package io.dashcache.adapters.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.testsupport.PrometheusExposition;
import io.dashcache.testsupport.PrometheusExposition.Sample;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {

    private final PrometheusMetrics metrics = new PrometheusMetrics();

    @Test
    void the_exposition_after_traffic_follows_the_text_format_and_every_name_but_the_conventional_one_starts_with_dashcache() {
        MicrometerCacheMetrics cache = new MicrometerCacheMetrics(metrics.registry());
        Cache<String, String> caffeine = Caffeine.newBuilder().maximumSize(10).recordStats().build();
        LocalTierMetrics.bind(metrics.registry(), caffeine, () -> 1234);
        for (DataType type : DataType.values()) {
            for (CacheOutcome outcome : CacheOutcome.values()) {
                cache.recordRead(type.segment(), outcome, 50_000L * (outcome.ordinal() + 1));
            }
            cache.recordReadError(type.segment(), 1_000_000);
            cache.recordLoad(type.segment(), 3_000_000, true);
        }

        String text = metrics.scrape();
        PrometheusExposition exposition = PrometheusExposition.parse(text);

        // one exception: each cache's conventional cache_gets_total{cache,result}, which dashboards made for
        // Micrometer's cache binders read
        assertThat(exposition.samples()).allSatisfy(sample -> assertThat(sample.name())
                .matches("dashcache_.*|cache_gets_total"));
        assertThat(exposition.samples()).filteredOn(sample -> sample.name().equals("cache_gets_total"))
                .allSatisfy(sample -> assertThat(sample.labels()).containsOnlyKeys("cache", "result")
                        .doesNotContainEntry("cache", LocalTierMetrics.L1));
        assertThat(exposition.families().values()).allSatisfy(family -> assertThat(family.help()).isNotBlank());
        assertThat(exposition.family("dashcache_cache_request_duration_seconds").samples())
                .extracting(Sample::name).contains("dashcache_cache_request_duration_seconds_bucket",
                        "dashcache_cache_request_duration_seconds_count", "dashcache_cache_request_duration_seconds_sum");
        assertThat(text).contains("# TYPE dashcache_cache_request_duration_seconds histogram");
        assertThat(text).contains("dashcache_cache_gets_total{outcome=\"STALE\",type=\"aggregated_analytics\"} 1.0");
        assertThat(text.lines().count()).as("a scrape of a sensible size").isLessThan(5_000);
    }

    @Test
    void the_l1_statistics_are_bound_under_dashcache_l1_names() {
        Cache<String, String> caffeine = Caffeine.newBuilder().maximumSize(10).recordStats().build();
        LocalTierMetrics.bind(metrics.registry(), caffeine, () -> 4096);
        caffeine.put("a", "1");
        caffeine.getIfPresent("a");
        caffeine.getIfPresent("a");
        caffeine.getIfPresent("b");

        PrometheusExposition exposition = PrometheusExposition.parse(metrics.scrape());

        assertThat(exposition.value("dashcache_l1_gets_total", Map.of("cache", "l1", "result", "hit"))).isEqualTo(2);
        assertThat(exposition.value("dashcache_l1_gets_total", Map.of("cache", "l1", "result", "miss"))).isEqualTo(1);
        assertThat(exposition.value("dashcache_l1_size", Map.of("cache", "l1"))).isEqualTo(1);
        assertThat(exposition.value("dashcache_l1_weight_bytes", Map.of())).isEqualTo(4096);
        assertThat(exposition.families()).containsKey("dashcache_l1_evictions_total");
    }

    @Test
    void gauges_and_counters_of_other_parts_are_read_at_every_scrape() {
        AtomicInteger queued = new AtomicInteger(3);
        metrics.registerGauge("dashcache.warmer.queue.size", "Warming tasks waiting", queued::get);
        metrics.registerCounter("dashcache.events.applied", "Engine events applied", () -> 41L);

        queued.set(5);
        PrometheusExposition exposition = PrometheusExposition.parse(metrics.scrape());

        assertThat(exposition.value("dashcache_warmer_queue_size", Map.of())).isEqualTo(5);
        assertThat(exposition.value("dashcache_events_applied_total", Map.of())).isEqualTo(41);
        assertThat(exposition.family("dashcache_events_applied_total").type()).isEqualTo("counter");
    }

    @Test
    void a_name_outside_the_dashcache_namespace_is_refused() {
        assertThatThrownBy(() -> metrics.registerGauge("queue.size", "x", () -> 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dashcache.");
        assertThatThrownBy(() -> metrics.registerCounter("dashcache.Bad-Name", "x", () -> 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_content_type_is_the_text_format_0_0_4() {
        assertThat(PrometheusMetrics.CONTENT_TYPE).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    }
}
