package io.dashcache.bootstrap.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcache.domain.DataType;
import io.dashcache.domain.PerformanceGrade;
import io.dashcache.testsupport.PrometheusExposition;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * After a few hundred real reads through a whole instance: {@code /metrics} is valid Prometheus
 * text with series per type and outcome, and {@code /api/cache/metrics} agrees with it and grades
 * by the domain's rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsEndToEndTest {

    private static final List<String> OUTCOMES = List.of("L1_HIT", "L2_HIT", "MISS", "STALE", "ERROR");

    private RunningInstance dashcache;

    @BeforeAll
    void readsThroughAWholeInstance() {
        dashcache = RunningInstance.start(Map.of());
        dashcache.failEngineFor("notifications");
        for (int user = 1; user <= 5; user++) {
            assertThat(dashcache.read("/api/dashboard/overview", "u" + user, 20)).isEqualTo(20);
        }
        assertThat(dashcache.read("/api/dashboard/analytics?period=7d", "u1", 50)).isEqualTo(50);
        assertThat(dashcache.read("/api/dashboard/system-status", "u1", 50)).isEqualTo(50);
        assertThat(dashcache.read("/api/dashboard/widgets/heatmap", "u1", 40)).isEqualTo(40);
        assertThat(dashcache.read("/api/dashboard/notifications", "u1", 30)).isZero();
    }

    @AfterAll
    void stop() {
        dashcache.close();
    }

    private String scrapeText() {
        HttpResponse<String> response = dashcache.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        return response.body();
    }

    private PrometheusExposition scrape() {
        return PrometheusExposition.parse(scrapeText());
    }

    private static double gets(PrometheusExposition metrics, String type, String outcome) {
        return metrics.value("dashcache_cache_gets_total", Map.of("type", type, "outcome", outcome));
    }

    @Test
    void the_exposition_is_valid_text_with_a_series_per_type_and_outcome_and_histogram_buckets() {
        PrometheusExposition metrics = scrape();

        // every series is dashcache's own but each cache's conventional cache_gets_total{cache,result}
        assertThat(metrics.samples()).allSatisfy(sample -> assertThat(sample.name())
                .matches("dashcache_.*|cache_gets_total"));
        for (DataType type : DataType.values()) {
            for (String outcome : OUTCOMES) {
                assertThat(gets(metrics, type.segment(), outcome)).isNotNegative();
            }
        }
        assertThat(OUTCOMES.stream().mapToDouble(outcome -> gets(metrics, "overview", outcome)).sum()).isEqualTo(100);
        assertThat(gets(metrics, "overview", "MISS")).isEqualTo(5);
        assertThat(gets(metrics, "notifications", "ERROR")).isEqualTo(30);
        // the histogram times the reads beyond L1; L1 hits are counted, not timed
        assertThat(OUTCOMES.stream().mapToDouble(outcome -> gets(metrics, "widget_data", outcome)).sum()).isEqualTo(40);
        assertThat(metrics.value("dashcache_cache_request_duration_seconds_count", Map.of("type", "widget_data")))
                .isEqualTo(40 - gets(metrics, "widget_data", "L1_HIT"));
        assertThat(metrics.family("dashcache_cache_request_duration_seconds").samples())
                .filteredOn(sample -> sample.name().endsWith("_bucket") && "analytics".equals(sample.labels().get("type")))
                .hasSizeGreaterThan(20);
        assertThat(metrics.value("dashcache_cache_load_failures_total", Map.of("type", "notifications"))).isEqualTo(30);
        assertThat(metrics.value("dashcache_cache_load_duration_seconds_count", Map.of("type", "notifications"))).isEqualTo(30);
        assertThat(metrics.value("dashcache_redis_command_duration_seconds_count",
                Map.of("operation", "read", "result", "success"))).isPositive();
        assertThat(metrics.value("dashcache_l1_gets_total", Map.of("result", "hit"))).isPositive();
        assertThat(metrics.value("cache_gets_total", Map.of("cache", "widget_data", "result", "miss"))).isPositive();
        assertThat(metrics.value("dashcache_l1_weight_bytes", Map.of())).isPositive();
        assertThat(metrics.families()).containsKeys("dashcache_events_applied_total", "dashcache_events_retrying",
                "dashcache_events_taken_over_total", "dashcache_events_consumers_removed_total",
                "dashcache_l1_evictions_total", "dashcache_cache_stale_writes_refused_total");
    }

    /** Prometheus' own linter, where the machine has it (Debian's prometheus package); the strict parser above runs everywhere. */
    @Test
    void promtool_where_installed_accepts_the_exposition() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        String text = scrapeText();
        PrometheusExposition.parse(text);
        if (Files.isExecutable(promtool)) {
            Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
            try (var stdin = check.getOutputStream()) {
                stdin.write(text.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue()).as("promtool check metrics: %s", output).isZero();
        }
    }

    @Test
    void the_report_agrees_with_the_exposition_and_grades_by_the_domain_rule() {
        PrometheusExposition metrics = scrape();
        JsonNode report = dashcache.json("/api/cache/metrics");

        List<String> graded = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> types = report.path("types").fields(); types.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = types.next();
            String type = entry.getKey();
            JsonNode figures = entry.getValue();
            double total = OUTCOMES.stream().mapToDouble(outcome -> gets(metrics, type, outcome)).sum();
            assertThat(figures.path("requestsSinceStart").asDouble()).as(type).isEqualTo(total);
            assertThat(figures.path("requests").asDouble()).as("the window covers this young instance's life").isEqualTo(total);
            if (total == 0) {
                assertThat(figures.path("grade").isNull()).as(type).isTrue();
                continue;
            }
            double hits = gets(metrics, type, "L1_HIT") + gets(metrics, type, "L2_HIT") + gets(metrics, type, "STALE");
            double hitRate = figures.path("hitRate").asDouble();
            assertThat(hitRate).as(type).isEqualTo(hits / total);
            Duration p95 = Duration.ofNanos(Math.round(figures.path("p95Ms").asDouble() * 1e6));
            assertThat(figures.path("grade").asText()).as(type).isEqualTo(PerformanceGrade.of(p95, hitRate).label());
            assertThat(figures.path("p50Ms").asDouble()).isLessThanOrEqualTo(figures.path("p95Ms").asDouble());
            assertThat(figures.path("p95Ms").asDouble()).isLessThanOrEqualTo(figures.path("p99Ms").asDouble());
            graded.add(type);
        }
        assertThat(graded).containsExactlyInAnyOrder("overview", "analytics", "system_status", "widget_data", "notifications");
        assertThat(report.path("types").path("overview").path("hitRate").asDouble()).isEqualTo(0.95);
        assertThat(report.path("types").path("notifications").path("grade").asText()).isEqualTo("critical");
        assertThat(report.path("overall").path("requests").asLong()).isEqualTo(270);
        assertThat(report.path("dependencies").path("redis").path("state").asText()).isEqualTo("UP");
    }

    @Test
    void failing_reads_raise_alerts_with_recommendations() {
        JsonNode alerts = dashcache.json("/api/cache/metrics").path("alerts");

        List<String> raised = new ArrayList<>();
        alerts.forEach(alert -> {
            raised.add(alert.path("kind").asText() + "/" + alert.path(alert.path("type").isNull() ? "dependency" : "type").asText());
            assertThat(alert.path("recommendation").asText()).isNotBlank();
            assertThat(alert.path("message").asText()).isNotBlank();
        });
        assertThat(raised).contains("HIGH_ERROR_RATE/notifications", "LOW_HIT_RATE/notifications", "ENGINE_DEGRADED/engine");
        assertThat(alerts.path(0).path("severity").asText()).isEqualTo("CRITICAL");
    }
}
