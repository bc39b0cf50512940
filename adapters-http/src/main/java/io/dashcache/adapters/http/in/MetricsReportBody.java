package io.dashcache.adapters.http.in;

import io.dashcache.application.port.in.metrics.CacheAlert;
import io.dashcache.application.port.in.metrics.CacheMetricsReport.Figures;
import io.dashcache.application.port.in.metrics.CacheMetricsReport.HistoryPoint;
import io.dashcache.application.port.in.metrics.CacheMetricsReport.Sample;
import io.dashcache.application.port.in.metrics.CacheMetricsReport;
import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.messages.OutcomeCounts;
import io.dashcache.domain.AlertThresholds;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code /api/cache/metrics}. Latencies are in milliseconds, rates from 0 to 1, times
 * ISO-8601; a rate, a latency or a grade is {@code null} when its window holds no read. Figures
 * are exact (not rounded), so a reader can check a grade against the rule; history points are
 * rounded to keep an hour of them small.
 *
 * <pre>{@code
 * {"generatedAt":"2026-11-25T10:00:00Z",
 *  "window":{"from":"2026-11-25T09:59:00Z","to":"2026-11-25T10:00:00Z","seconds":60.0},
 *  "thresholds":{"minHitRate":0.8,"maxP95Ms":100.0,"maxErrorRate":0.01,"minSamples":20},
 *  "overall":{"requests":230,"requestsSinceStart":5120,
 *             "outcomes":{"L1_HIT":200,"L2_HIT":10,"MISS":15,"STALE":3,"ERROR":2},
 *             "hitRate":0.9043,"errorRate":0.0087,"p50Ms":0.004,"p95Ms":12.5,"p99Ms":48.0,"grade":"good",
 *             "loads":15,"loadFailures":0,"loadP95Ms":40.1,"staleWritesRefused":0},
 *  "types":{"overview":{...same fields...},"analytics":{...}, ...all nine...},
 *  "alerts":[{"kind":"LOW_HIT_RATE","severity":"WARNING","type":"notifications","dependency":null,
 *             "since":"...","message":"...","recommendation":"..."}],
 *  "dependencies":{"redis":{"state":"UP","detail":"..."},"engine":{"state":"UP","detail":"..."}},
 *  "history":{"intervalSeconds":10.0,"retentionSeconds":3600.0,
 *             "points":[{"at":"...","requests":40,"hitRate":0.95,"errorRate":0.0,"p95Ms":3.1,
 *                        "types":{"overview":{"requests":12,"hitRate":1.0,"errorRate":0.0,"p95Ms":0.01}}}]}}
 * }</pre>
 */
record MetricsReportBody(String generatedAt, Window window, Thresholds thresholds, FiguresBody overall,
                         Map<String, FiguresBody> types, List<AlertBody> alerts,
                         Map<String, HealthRoute.Dependency> dependencies, History history,
                         Map<String, LagBody> invalidationLag) {

    /** One stage of the invalidation lag in the window: events seen and their p95 ({@code occurred_to_heard} ...). */
    record LagBody(long events, Double p95Ms) {
    }

    record Window(String from, String to, double seconds) {
    }

    record Thresholds(double minHitRate, double maxP95Ms, double maxErrorRate, long minSamples) {
    }

    record FiguresBody(long requests, long requestsSinceStart, Map<String, Long> outcomes, Double hitRate,
                       Double errorRate, Double p50Ms, Double p95Ms, Double p99Ms, String grade, long loads,
                       long loadFailures, Double loadP95Ms, long staleWritesRefused) {
    }

    record AlertBody(String kind, String severity, String type, String dependency, String since, String message,
                     String recommendation) {
    }

    record History(double intervalSeconds, double retentionSeconds, List<Point> points) {
    }

    record Point(String at, long requests, Double hitRate, Double errorRate, Double p95Ms, Map<String, PointSample> types) {
    }

    record PointSample(long requests, Double hitRate, Double errorRate, Double p95Ms) {
    }

    static MetricsReportBody of(CacheMetricsReport report) {
        Map<String, FiguresBody> types = new LinkedHashMap<>();
        report.types().forEach((type, figures) -> types.put(type.segment(), figures(figures)));
        Map<String, HealthRoute.Dependency> dependencies = new LinkedHashMap<>();
        for (DependencyHealth dependency : report.dependencies()) {
            dependencies.put(dependency.name(), new HealthRoute.Dependency(dependency.state().name(),
                    PublicText.detail(dependency)));
        }
        AlertThresholds thresholds = report.thresholds();
        return new MetricsReportBody(report.generatedAt().toString(),
                new Window(report.windowStart().toString(), report.generatedAt().toString(), seconds(report.window())),
                new Thresholds(thresholds.minHitRate(), millis(thresholds.maxP95()), thresholds.maxErrorRate(),
                        thresholds.minSamples()),
                figures(report.overall()), types, report.alerts().stream().map(MetricsReportBody::alert).toList(),
                dependencies, new History(seconds(report.historyInterval()), seconds(report.historyRetention()),
                        report.history().stream().map(MetricsReportBody::point).toList()), lag(report));
    }

    private static Map<String, LagBody> lag(CacheMetricsReport report) {
        Map<String, LagBody> stages = new LinkedHashMap<>();
        report.invalidationLag().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(stage ->
                stages.put(stage.getKey().label(), new LagBody(stage.getValue().events(), millis(stage.getValue().p95()))));
        return stages;
    }

    private static FiguresBody figures(Figures figures) {
        return new FiguresBody(figures.requests(), figures.requestsSinceStart(), outcomes(figures.outcomes()),
                figures.hitRate(), figures.errorRate(), millis(figures.p50()), millis(figures.p95()),
                millis(figures.p99()), figures.grade() == null ? null : figures.grade().label(), figures.loads(),
                figures.loadFailures(), millis(figures.loadP95()), figures.staleWritesRefused());
    }

    private static Map<String, Long> outcomes(OutcomeCounts counts) {
        Map<String, Long> outcomes = new LinkedHashMap<>();
        for (CacheOutcome outcome : CacheOutcome.values()) {
            outcomes.put(outcome.name(), counts.of(outcome));
        }
        outcomes.put("ERROR", counts.errors());
        return outcomes;
    }

    private static AlertBody alert(CacheAlert alert) {
        return new AlertBody(alert.kind().name(), alert.severity().name(),
                alert.type() == null ? null : alert.type().segment(), alert.dependency(), alert.since().toString(),
                PublicText.of(alert.message()), PublicText.of(alert.recommendation()));
    }

    private static Point point(HistoryPoint point) {
        Map<String, PointSample> types = new LinkedHashMap<>();
        for (Map.Entry<DataType, Sample> entry : point.types().entrySet()) {
            Sample sample = entry.getValue();
            types.put(entry.getKey().segment(), new PointSample(sample.requests(), rounded(sample.hitRate(), 4),
                    rounded(sample.errorRate(), 4), rounded(millis(sample.p95()), 3)));
        }
        Sample overall = point.overall();
        return new Point(point.at().toString(), overall.requests(), rounded(overall.hitRate(), 4),
                rounded(overall.errorRate(), 4), rounded(millis(overall.p95()), 3), types);
    }

    private static Double millis(Duration duration) {
        return duration == null ? null : duration.toNanos() / 1e6;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1e3;
    }

    private static Double rounded(Double value, int decimals) {
        if (value == null) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
