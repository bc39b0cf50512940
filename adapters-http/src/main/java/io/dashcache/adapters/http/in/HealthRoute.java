package io.dashcache.adapters.http.in;

import io.dashcache.application.port.in.metrics.ReadCacheHealth.HealthReport;
import io.dashcache.application.port.in.metrics.ReadCacheHealth;
import io.dashcache.application.port.messages.DependencyHealth;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health}: always {@code 200} while the process runs (a load balancer must not pull an
 * instance that still serves from L1 and the engine); the body says what is degraded.
 *
 * <pre>{@code
 * {"status":"DEGRADED",
 *  "dependencies":{"redis":{"state":"DEGRADED","detail":"circuit open"},"engine":{"state":"UP","detail":"..."}},
 *  "l1":{"entries":120,"bytes":48213}}
 * }</pre>
 */
final class HealthRoute implements RouteRegistrar {

    private static final Logger LOG = LoggerFactory.getLogger(HealthRoute.class);

    private final ReadCacheHealth health;
    private final Json json;

    HealthRoute(ReadCacheHealth health, Json json) {
        this.health = health;
        this.json = json;
    }

    record Body(String status, Map<String, Dependency> dependencies, L1 l1) {
    }

    record Dependency(String state, String detail) {
    }

    record L1(long entries, long bytes) {
    }

    @Override
    public void register(JavalinDefaultRouting routes) {
        routes.get("/health", this::answer);
    }

    private void answer(Context ctx) {
        ctx.status(200).header("Cache-Control", "no-store").contentType(Json.CONTENT_TYPE).result(json.write(body()));
    }

    private Body body() {
        HealthReport report;
        try {
            report = health.health();
        } catch (RuntimeException e) {
            // the report itself broke: still answer, and say so, rather than fail the probe
            LOG.error("the health report failed", e);
            report = new HealthReport(DependencyHealth.State.DEGRADED,
                    List.of(DependencyHealth.degraded("health", "the health report failed; see the logs")), 0, 0);
        }
        Map<String, Dependency> dependencies = new LinkedHashMap<>();
        for (DependencyHealth dependency : report.dependencies()) {
            dependencies.put(dependency.name(), new Dependency(dependency.state().name(), PublicText.detail(dependency)));
        }
        return new Body(report.status().name(), dependencies, new L1(report.l1Entries(), report.l1Bytes()));
    }
}
