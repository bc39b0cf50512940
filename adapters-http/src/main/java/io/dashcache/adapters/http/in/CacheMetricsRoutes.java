package io.dashcache.adapters.http.in;

import io.dashcache.application.port.in.metrics.ReadCacheMetrics;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code GET /api/cache/metrics} (the report as JSON, see {@link MetricsReportBody}) and
 * {@code GET /metrics} (the Prometheus text exposition, produced elsewhere and passed in as text
 * so this adapter knows nothing of the metrics library).
 *
 * <pre>{@code
 * new DashboardHttpServer(settings, ..., List.of(new CacheMetricsRoutes(reporter, prometheus::scrape), new StatusPage()));
 * }</pre>
 */
public final class CacheMetricsRoutes implements RouteRegistrar {

    /** What Prometheus expects of a scrape in the text format 0.0.4. */
    static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ReadCacheMetrics metrics;
    private final Supplier<String> prometheusText;
    private final Json json = new Json(HttpSettings.DEFAULT_MAX_REQUEST_BYTES);

    /**
     * @param metrics        the report behind {@code /api/cache/metrics}
     * @param prometheusText every metric in the Prometheus text format 0.0.4, for {@code /metrics}
     */
    public CacheMetricsRoutes(ReadCacheMetrics metrics, Supplier<String> prometheusText) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.prometheusText = Objects.requireNonNull(prometheusText, "prometheusText");
    }

    @Override
    public void register(JavalinDefaultRouting routes) {
        routes.get("/api/cache/metrics", this::report);
        routes.get("/metrics", this::scrape);
    }

    private void report(Context ctx) {
        byte[] body = json.write(MetricsReportBody.of(metrics.report()));
        ctx.status(200).header("Cache-Control", "no-store").contentType(Json.CONTENT_TYPE).result(body);
    }

    private void scrape(Context ctx) {
        String text = prometheusText.get();
        ctx.status(200).header("Cache-Control", "no-store").contentType(PROMETHEUS_CONTENT_TYPE).result(text);
    }
}
