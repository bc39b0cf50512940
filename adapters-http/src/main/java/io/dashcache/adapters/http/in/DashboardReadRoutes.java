package io.dashcache.adapters.http.in;

import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.application.port.in.reading.GetDashboardData;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.ETag;
import io.dashcache.domain.Period;
import io.dashcache.domain.WidgetType;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.List;
import java.util.function.Function;

/**
 * The nine cached reads. Each route only says how its {@link CacheKey} is built from the request;
 * the answer is written the same way for all: the engine's bytes untouched, {@code X-Cache},
 * {@code ETag}, and {@code 304} when the caller already holds this version.
 */
final class DashboardReadRoutes implements RouteRegistrar {

    static final String BASE = "/api/dashboard";

    private final GetDashboardData data;
    private final CallerIdentity callers;
    private final ErrorResponses errors;

    DashboardReadRoutes(GetDashboardData data, CallerIdentity callers, ErrorResponses errors) {
        this.data = data;
        this.callers = callers;
        this.errors = errors;
    }

    @Override
    public void register(JavalinDefaultRouting routes) {
        read(routes, "/overview", ctx -> CacheKey.forUser(DataType.OVERVIEW, callers.userOf(ctx)));
        read(routes, "/analytics", ctx -> CacheKey.forPeriod(DataType.ANALYTICS, period(ctx)));
        read(routes, "/preferences", ctx -> CacheKey.forUser(DataType.USER_PREFERENCES, callers.userOf(ctx)));
        read(routes, "/system-status", ctx -> CacheKey.global(DataType.SYSTEM_STATUS));
        read(routes, "/performance-metrics", ctx -> CacheKey.global(DataType.PERFORMANCE_METRICS));
        read(routes, "/recent-activity", ctx -> CacheKey.forUser(DataType.RECENT_ACTIVITY, callers.userOf(ctx)));
        read(routes, "/notifications", ctx -> CacheKey.forUser(DataType.NOTIFICATIONS, callers.userOf(ctx)));
        read(routes, "/widgets/{widgetType}",
                ctx -> CacheKey.widget(callers.userOf(ctx), WidgetType.of(ctx.pathParam("widgetType"))));
        read(routes, "/aggregated-analytics", ctx -> CacheKey.forPeriod(DataType.AGGREGATED_ANALYTICS, period(ctx)));
    }

    private void read(JavalinDefaultRouting routes, String path, Function<Context, CacheKey> keyOf) {
        routes.get(BASE + path, ctx -> answer(ctx, data.read(keyOf.apply(ctx))));
    }

    /** A missing period is refused rather than defaulted: a default would silently pick one cache entry for the caller. */
    private static Period period(Context ctx) {
        List<String> values = ctx.queryParams("period");
        if (values.isEmpty()) {
            throw HttpProblem.invalid("period is required: one of 1h, 24h, 7d, 30d (e.g. ?period=7d)");
        }
        if (values.size() > 1) {
            throw HttpProblem.invalid("period must be given once");
        }
        return Period.parse(values.get(0));
    }

    private void answer(Context ctx, DashboardRead read) {
        ctx.header("X-Cache", read.outcome().name());
        ctx.header("Cache-Control", "private, no-cache");
        CacheEntry entry = read.entry();
        if (entry == null || entry.absent()) {
            errors.write(ctx, 404, ErrorBody.NOT_FOUND, "the engine has no such data");
            return;
        }
        ctx.header("ETag", entry.etag());
        if (ETag.matches(ctx.header("If-None-Match"), entry.etag())) {
            ctx.status(304);
            return;
        }
        ctx.status(200).contentType(Json.CONTENT_TYPE);
        ResponseBody.write(ctx, entry.payload());
    }
}
