package io.dashcache.adapters.http.in;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.application.port.in.reading.GetDashboardParts.PartRead;
import io.dashcache.application.port.in.reading.GetDashboardParts;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.port.out.reading.SourceUnavailableException;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.InvalidInputException;
import io.dashcache.domain.Period;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/dashboard?parts=overview,notifications,widgets/heatmap,analytics/7d}: a whole
 * dashboard in one request. Each part is named like its single read's path under
 * {@code /api/dashboard} (a period or widget after a slash) and validated like it; the caller's
 * user is read once, only when a part needs one. The answer:
 *
 * <pre>
 * {"parts": {
 *   "overview":        {"xCache": "L1_HIT", "etag": "\"9f..\"", "status": 200, "body": {...the engine's JSON...}},
 *   "widgets/heatmap": {"xCache": "MISS", "status": 404, "error": "not_found", "detail": "..."},
 *   "analytics/7d":    {"status": 504, "error": "engine_timeout", "detail": "..."}}}
 * </pre>
 *
 * Bodies are the cached bytes copied in as they are (no parse, no re-serialisation); a part that
 * fails carries its own status and error while the others answer. The response is {@code 200}
 * unless the request itself is wrong ({@code 400}).
 */
final class DashboardBatchRoute implements RouteRegistrar {

    static final int MAX_PARTS = 16;
    private static final Logger LOG = LoggerFactory.getLogger(DashboardBatchRoute.class);
    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

    private final GetDashboardParts parts;
    private final CallerIdentity callers;

    DashboardBatchRoute(GetDashboardParts parts, CallerIdentity callers) {
        this.parts = parts;
        this.callers = callers;
    }

    @Override
    public void register(JavalinDefaultRouting routes) {
        routes.get(DashboardReadRoutes.BASE, this::answer);
    }

    private void answer(Context ctx) {
        Map<String, CacheKey> requested = requested(ctx);
        Map<CacheKey, PartRead> reads = parts.readAll(List.copyOf(requested.values()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * requested.size());
        out.writeBytes(ascii("{\"parts\":{"));
        boolean first = true;
        for (Map.Entry<String, CacheKey> part : requested.entrySet()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            string(out, part.getKey());
            out.write(':');
            write(out, reads.get(part.getValue()));
        }
        out.writeBytes(ascii("}}"));
        ctx.header("Cache-Control", "private, no-cache");
        ctx.status(200).contentType(Json.CONTENT_TYPE);
        ResponseBody.write(ctx, out.toByteArray());
    }

    /** The parts in the order asked, each once, validated before anything is read. */
    private Map<String, CacheKey> requested(Context ctx) {
        List<String> values = ctx.queryParams("parts");
        if (values.size() != 1 || values.get(0).isBlank()) {
            throw HttpProblem.invalid("parts is required once: a comma-separated list such as "
                    + "parts=overview,notifications,widgets/heatmap,analytics/7d");
        }
        String[] names = values.get(0).split(",", -1);
        if (names.length > MAX_PARTS) {
            throw HttpProblem.invalid("at most " + MAX_PARTS + " parts per request, got " + names.length);
        }
        Supplier<UserId> user = memoized(() -> {
            try {
                return callers.userOf(ctx);
            } catch (InvalidInputException e) {
                throw HttpProblem.invalid(e.getMessage()); // the user's fault, not the part's
            }
        });
        Map<String, CacheKey> keys = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            String name = names[i].trim();
            try {
                keys.putIfAbsent(name, keyOf(name, user));
            } catch (InvalidInputException e) {
                throw HttpProblem.invalid("parts[" + i + "]: " + e.getMessage());
            }
        }
        return keys;
    }

    private static CacheKey keyOf(String name, Supplier<UserId> user) {
        int slash = name.indexOf('/');
        String head = slash < 0 ? name : name.substring(0, slash);
        String tail = slash < 0 ? null : name.substring(slash + 1);
        CacheKey key = switch (head) {
            case "overview" -> CacheKey.forUser(DataType.OVERVIEW, user.get());
            case "preferences" -> CacheKey.forUser(DataType.USER_PREFERENCES, user.get());
            case "recent-activity" -> CacheKey.forUser(DataType.RECENT_ACTIVITY, user.get());
            case "notifications" -> CacheKey.forUser(DataType.NOTIFICATIONS, user.get());
            case "system-status" -> CacheKey.global(DataType.SYSTEM_STATUS);
            case "performance-metrics" -> CacheKey.global(DataType.PERFORMANCE_METRICS);
            case "widgets" -> tail == null ? null : CacheKey.widget(user.get(), WidgetType.of(tail));
            case "analytics" -> tail == null ? null : CacheKey.forPeriod(DataType.ANALYTICS, Period.parse(tail));
            case "aggregated-analytics" ->
                    tail == null ? null : CacheKey.forPeriod(DataType.AGGREGATED_ANALYTICS, Period.parse(tail));
            default -> throw new InvalidInputException("parts", "unknown part '" + shortened(name)
                    + "'; parts are overview, preferences, recent-activity, notifications, system-status, "
                    + "performance-metrics, widgets/{widgetType}, analytics/{period}, aggregated-analytics/{period}");
        };
        if (key == null) {
            throw new InvalidInputException("parts", "'" + head + "' needs " + (head.equals("widgets")
                    ? "a widget type" : "a period (1h, 24h, 7d, 30d)") + " after a slash, e.g. " + head
                    + (head.equals("widgets") ? "/heatmap" : "/7d"));
        }
        boolean takesTail = head.equals("widgets") || head.endsWith("analytics");
        if (!takesTail && tail != null) {
            throw new InvalidInputException("parts", "'" + head + "' takes nothing after a slash");
        }
        return key;
    }

    private static void write(ByteArrayOutputStream out, PartRead part) {
        if (!part.ok()) {
            failure(out, part.failure());
            return;
        }
        DashboardRead read = part.read();
        CacheEntry entry = read.entry();
        out.writeBytes(ascii("{\"xCache\":\"" + read.outcome().name() + "\","));
        if (entry == null || entry.absent()) {
            out.writeBytes(ascii("\"status\":404,\"error\":\"" + ErrorBody.NOT_FOUND + "\",\"detail\":"
                    + "\"the engine has no such data\"}"));
            return;
        }
        out.writeBytes(ascii("\"etag\":"));
        string(out, entry.etag());
        out.writeBytes(ascii(",\"status\":200,\"body\":"));
        out.writeBytes(entry.payload()); // the engine's JSON object, exactly as cached
        out.write('}');
    }

    private static void failure(ByteArrayOutputStream out, RuntimeException failure) {
        int status;
        ErrorBody body;
        if (failure instanceof SourceUnavailableException engine) {
            status = ErrorResponses.engineStatus(engine.reason());
            body = ErrorResponses.engineError(engine.reason());
        } else if (failure instanceof CacheTierUnavailableException) {
            status = 503;
            body = new ErrorBody(ErrorBody.CACHE_UNAVAILABLE, "the shared cache is unavailable; retry later");
        } else {
            LOG.error("unexpected failure of a batch part", failure);
            status = 500;
            body = new ErrorBody(ErrorBody.INTERNAL_ERROR, "an unexpected error occurred; it has been logged");
        }
        out.writeBytes(ascii("{\"status\":" + status + ",\"error\":"));
        string(out, body.error());
        out.writeBytes(ascii(",\"detail\":"));
        string(out, body.detail());
        out.write('}');
    }

    private static void string(ByteArrayOutputStream out, String text) {
        out.write('"');
        out.writeBytes(STRINGS.quoteAsUTF8(text));
        out.write('"');
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        List<T> once = new ArrayList<>(1);
        return () -> {
            if (once.isEmpty()) {
                once.add(supplier.get());
            }
            return once.get(0);
        };
    }
}
