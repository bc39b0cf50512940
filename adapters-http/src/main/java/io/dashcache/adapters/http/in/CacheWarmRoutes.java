package io.dashcache.adapters.http.in;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcache.application.port.in.warming.WarmCache;
import io.dashcache.application.port.in.warming.WarmRequest;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Period;
import io.dashcache.domain.ScopeKind;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;

/**
 * The operator's warming: {@code POST /api/cache/warm} queues what the body names and answers
 * {@code 202 {"queued":N,"alreadyQueued":K,"dropped":M}} at once (warming runs in the background);
 * {@code GET /api/cache/warm} answers the warmer's state and counters.
 *
 * <pre>
 * {"userId":"42"}                                   that user's whole dashboard (and the global data it shows)
 * {"type":"system_status"}                          a global type
 * {"type":"analytics"}                              a period type, every period
 * {"type":"analytics","period":"7d"}                one period
 * {"type":"overview","userId":"42"}                 one user's entry of a per-user type
 * {"type":"widget_data","userId":"42"}              the widgets that user read lately
 * {"type":"widget_data","userId":"42","widget":"heatmap"}
 * {"hottest":100}                                   the 100 keys read most lately (1 to 1000)
 * </pre>
 *
 * Unknown fields and combinations that name nothing are a {@code 400}.
 *
 * <pre>{@code
 * new DashboardHttpServer(settings, ..., List.of(new CacheWarmRoutes(warmCache, settings)));
 * }</pre>
 */
public final class CacheWarmRoutes implements RouteRegistrar {

    static final String PATH = "/api/cache/warm";
    private static final Set<String> FIELDS = Set.of("userId", "type", "period", "widget", "hottest");

    private final WarmCache warm;
    private final RequestBodies bodies;
    private final Json json;

    /** @param settings the server's settings (for the body size limit) */
    public CacheWarmRoutes(WarmCache warm, HttpSettings settings) {
        this.warm = Objects.requireNonNull(warm, "warm");
        this.json = new Json(settings.maxRequestBytes());
        this.bodies = new RequestBodies(settings.maxRequestBytes(), json);
    }

    @Override
    public void register(JavalinDefaultRouting routes) {
        routes.post(PATH, this::warm);
        routes.get(PATH, ctx -> ctx.status(200).contentType(Json.CONTENT_TYPE).result(json.write(warm.stats())));
    }

    private void warm(Context ctx) {
        WarmCache.Receipt receipt = warm.warm(request(bodies.readObject(ctx)));
        ctx.status(202).contentType(Json.CONTENT_TYPE).result(json.write(receipt));
    }

    static WarmRequest request(JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw HttpProblem.invalid("unknown field '" + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
                        + "': name userId, type (with period or widget), both, or hottest");
            }
        }
        if (body.has("hottest")) {
            return hottest(body);
        }
        UserId user = body.hasNonNull("userId") ? UserId.of(CacheInvalidationRoute.text(body.get("userId"), "userId")) : null;
        if (!body.hasNonNull("type")) {
            if (body.has("period") || body.has("widget")) {
                throw HttpProblem.invalid("period and widget need a type");
            }
            if (user == null) {
                throw HttpProblem.invalid("name what to warm: userId, type, both, or hottest");
            }
            return new WarmRequest.Dashboard(user);
        }
        DataType type = DataType.fromSegment(CacheInvalidationRoute.text(body.get("type"), "type"));
        if (body.hasNonNull("period")) {
            if (type.scopeKind() != ScopeKind.PERIOD) {
                throw HttpProblem.invalid(type.segment() + " has no period");
            }
            if (user != null) {
                throw HttpProblem.invalid(type.segment() + " is the same for every user: warm it without a userId");
            }
            return new WarmRequest.OneKey(CacheKey.forPeriod(type, Period.parse(
                    CacheInvalidationRoute.text(body.get("period"), "period"))));
        }
        if (body.hasNonNull("widget")) {
            if (type != DataType.WIDGET_DATA || user == null) {
                throw HttpProblem.invalid("widget needs type widget_data and a userId");
            }
            return new WarmRequest.OneKey(CacheKey.widget(user, WidgetType.of(
                    CacheInvalidationRoute.text(body.get("widget"), "widget"))));
        }
        return new WarmRequest.OfType(type, user);
    }

    private static WarmRequest hottest(JsonNode body) {
        if (body.size() > 1) {
            throw HttpProblem.invalid("hottest cannot be combined with other fields");
        }
        JsonNode count = body.get("hottest");
        if (!count.canConvertToInt() || !count.isIntegralNumber()) {
            throw HttpProblem.invalid("hottest must be a whole number from 1 to " + WarmRequest.MAX_HOTTEST);
        }
        return new WarmRequest.Hottest(count.intValue());
    }
}
