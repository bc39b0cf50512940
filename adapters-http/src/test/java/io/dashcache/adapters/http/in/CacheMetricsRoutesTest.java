package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcache.application.port.in.metrics.CacheAlert;
import io.dashcache.application.port.in.metrics.CacheMetricsReport.Figures;
import io.dashcache.application.port.in.metrics.CacheMetricsReport.HistoryPoint;
import io.dashcache.application.port.in.metrics.CacheMetricsReport.Sample;
import io.dashcache.application.port.in.metrics.CacheMetricsReport;
import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.messages.OutcomeCounts;
import io.dashcache.domain.AlertKind;
import io.dashcache.domain.AlertThresholds;
import io.dashcache.domain.DataType;
import io.dashcache.domain.PerformanceGrade;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CacheMetricsRoutesTest extends RunningServer {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String EXPOSITION = "# HELP dashcache_x_total X\n# TYPE dashcache_x_total counter\ndashcache_x_total 1.0\n";

    private volatile Supplier<CacheMetricsReport> report = CacheMetricsRoutesTest::sampleReport;

    @Override
    List<RouteRegistrar> moreRoutes(HttpSettings settings) {
        return List.of(new CacheMetricsRoutes(() -> report.get(), () -> EXPOSITION), new StatusPage());
    }

    @BeforeEach
    void sampleAgain() {
        report = CacheMetricsRoutesTest::sampleReport;
    }

    static CacheMetricsReport sampleReport() {
        Figures none = new Figures(0, 0, OutcomeCounts.ZERO, null, null, null, null, null, null, 0, 0, null, 0);
        Map<DataType, Figures> types = new EnumMap<>(DataType.class);
        for (DataType type : DataType.values()) {
            types.put(type, none);
        }
        Figures overview = new Figures(100, 250, new OutcomeCounts(90, 4, 5, 0, 1), 0.94, 0.01,
                Duration.ofNanos(4_000), Duration.ofNanos(12_345_678), Duration.ofMillis(40), PerformanceGrade.GOOD, 5, 0,
                Duration.ofMillis(30), 1);
        types.put(DataType.OVERVIEW, overview);
        CacheAlert alert = new CacheAlert(AlertKind.LOW_HIT_RATE, AlertKind.Severity.WARNING, DataType.NOTIFICATIONS, null,
                NOW.minusSeconds(30), "notifications: hit rate 50.0 % <b>", "Raise DASHCACHE_TTL_NOTIFICATIONS.");
        HistoryPoint point = new HistoryPoint(NOW, new Sample(100, 0.9412345678, 0.01, Duration.ofNanos(1_234_567)),
                Map.of(DataType.OVERVIEW, new Sample(100, 0.94, 0.01, Duration.ofMillis(12))));
        HistoryPoint quiet = new HistoryPoint(NOW.minusSeconds(10), new Sample(0, null, null, null), Map.of());
        return new CacheMetricsReport(NOW, NOW.minusSeconds(60), AlertThresholds.defaults(), overview, types,
                List.of(alert), List.of(DependencyHealth.up("redis", "ping 1 ms"), DependencyHealth.degraded("engine", "HTTP 500")),
                Duration.ofSeconds(10), Duration.ofHours(1), new ArrayList<>(List.of(quiet, point)));
    }

    @Test
    void the_report_is_json_with_every_type_in_order_and_exact_figures() {
        HttpResponse<byte[]> response = get("/api/cache/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = json(response);
        List<String> segments = new ArrayList<>();
        body.path("types").fieldNames().forEachRemaining(segments::add);
        assertThat(segments).containsExactly("overview", "analytics", "user_preferences", "system_status",
                "performance_metrics", "recent_activity", "notifications", "widget_data", "aggregated_analytics");
        JsonNode overview = body.path("types").path("overview");
        assertThat(overview.path("requests").asLong()).isEqualTo(100);
        assertThat(overview.path("requestsSinceStart").asLong()).isEqualTo(250);
        assertThat(overview.path("hitRate").asDouble()).isEqualTo(0.94);
        assertThat(overview.path("p50Ms").asDouble()).isEqualTo(0.004);
        assertThat(overview.path("p95Ms").asDouble()).isEqualTo(12.345678);
        assertThat(overview.path("grade").asText()).isEqualTo("good");
        assertThat(overview.path("outcomes").path("L1_HIT").asLong()).isEqualTo(90);
        assertThat(overview.path("outcomes").path("ERROR").asLong()).isEqualTo(1);
        assertThat(overview.path("loadP95Ms").asDouble()).isEqualTo(30.0);
        JsonNode analytics = body.path("types").path("analytics");
        assertThat(analytics.path("grade").isNull()).isTrue();
        assertThat(analytics.path("hitRate").isNull()).isTrue();
        assertThat(analytics.path("p95Ms").isNull()).isTrue();
        assertThat(body.path("overall").path("grade").asText()).isEqualTo("good");
    }

    @Test
    void the_report_carries_window_thresholds_alerts_dependencies_and_history() {
        JsonNode body = json(get("/api/cache/metrics"));

        assertThat(body.path("generatedAt").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(body.path("window").path("seconds").asDouble()).isEqualTo(60.0);
        assertThat(body.path("window").path("from").asText()).isEqualTo("2026-11-25T09:59:00Z");
        assertThat(body.path("thresholds").path("minHitRate").asDouble()).isEqualTo(0.8);
        assertThat(body.path("thresholds").path("maxP95Ms").asDouble()).isEqualTo(100.0);
        assertThat(body.path("thresholds").path("maxErrorRate").asDouble()).isEqualTo(0.01);
        assertThat(body.path("thresholds").path("minSamples").asLong()).isEqualTo(20);
        JsonNode alert = body.path("alerts").path(0);
        assertThat(alert.path("kind").asText()).isEqualTo("LOW_HIT_RATE");
        assertThat(alert.path("severity").asText()).isEqualTo("WARNING");
        assertThat(alert.path("type").asText()).isEqualTo("notifications");
        assertThat(alert.path("dependency").isNull()).isTrue();
        assertThat(alert.path("since").asText()).isEqualTo("2026-11-25T09:59:30Z");
        assertThat(alert.path("message").asText()).endsWith("<b>");
        assertThat(alert.path("recommendation").asText()).contains("DASHCACHE_TTL_NOTIFICATIONS");
        assertThat(body.path("dependencies").path("engine").path("state").asText()).isEqualTo("DEGRADED");
        assertThat(body.path("dependencies").path("redis").path("detail").asText()).isEqualTo("ping 1 ms");
        JsonNode history = body.path("history");
        assertThat(history.path("intervalSeconds").asDouble()).isEqualTo(10.0);
        assertThat(history.path("retentionSeconds").asDouble()).isEqualTo(3600.0);
        assertThat(history.path("points")).hasSize(2);
        assertThat(history.path("points").path(0).path("hitRate").isNull()).isTrue();
        JsonNode last = history.path("points").path(1);
        assertThat(last.path("hitRate").asDouble()).as("history is rounded").isEqualTo(0.9412);
        assertThat(last.path("p95Ms").asDouble()).isEqualTo(1.235);
        assertThat(last.path("types").path("overview").path("requests").asLong()).isEqualTo(100);
    }

    @Test
    void a_failing_report_is_a_json_500_without_a_stack_trace() {
        report = () -> {
            throw new IllegalStateException("boom");
        };

        assertError(get("/api/cache/metrics"), 500, "internal_error");
    }

    @Test
    void the_prometheus_exposition_is_served_as_text_format_0_0_4() {
        HttpResponse<byte[]> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(EXPOSITION);
    }

    @Test
    void the_page_its_style_and_its_script_are_served_under_a_strict_content_security_policy() {
        HttpResponse<byte[]> page = getPage("/");
        HttpResponse<byte[]> css = get("/assets/status.css");
        HttpResponse<byte[]> script = get("/assets/status.js");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(StatusPage.CONTENT_SECURITY_POLICY);
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("<script src=\"/assets/status.js\"", "href=\"/assets/status.css\"",
                "id=\"overall-hit-rate\"", "id=\"alert-list\"", "id=\"dep-redis-state\"", "name=\"viewport\"");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
    }

    @Test
    void the_script_never_turns_data_into_markup() {
        String script = new String(get("/assets/status.js").body(), StandardCharsets.UTF_8);

        assertThat(script).contains("/api/cache/metrics", "/health", "textContent")
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
    }
}
