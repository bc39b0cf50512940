package io.dashcache.adapters.http.in;

import io.dashcache.application.port.in.warming.ReadHotKeys;
import io.dashcache.domain.CacheKey;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /api/cache/hot-keys?limit=N}: the keys this instance read most often lately, the most
 * read first, with their estimated reads (the warmer's count-min sketch). {@code limit} is from 1
 * to 1000, 20 when absent; anything else is a {@code 400}. An operator route: under
 * {@code DASHCACHE_AUTH=jwt} it needs the admin scope, as everything under {@code /api/cache/}.
 *
 * <pre>
 * {"limit":20,"keys":[{"key":"overview:user:42","type":"overview","userId":"42","estimatedReads":25},
 *                     {"key":"analytics:7d","type":"analytics","period":"7d","estimatedReads":12}]}
 * </pre>
 */
public final class HotKeysRoute implements RouteRegistrar {

    static final String PATH = "/api/cache/hot-keys";
    static final int DEFAULT_LIMIT = 20;

    private final ReadHotKeys hotKeys;
    private final Json json;

    /** @param settings the server's settings (for the JSON limits) */
    public HotKeysRoute(ReadHotKeys hotKeys, HttpSettings settings) {
        this.hotKeys = Objects.requireNonNull(hotKeys, "hotKeys");
        this.json = new Json(settings.maxRequestBytes());
    }

    @Override
    public void register(JavalinDefaultRouting routes) {
        routes.get(PATH, this::answer);
    }

    private void answer(Context ctx) {
        int limit = limit(ctx.queryParams("limit"));
        List<Map<String, Object>> keys = hotKeys.hotKeys(limit).stream().map(HotKeysRoute::describe).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("limit", limit);
        body.put("keys", keys);
        ctx.status(200).header("Cache-Control", "no-store").contentType(Json.CONTENT_TYPE).result(json.write(body));
    }

    static int limit(List<String> values) {
        if (values.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        if (values.size() > 1) {
            throw HttpProblem.invalid("limit is given more than once");
        }
        String text = values.get(0);
        String expected = "limit must be a whole number from 1 to " + ReadHotKeys.MAX_LIMIT;
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
            throw HttpProblem.invalid(expected); // the caller's text is not echoed
        }
        int limit = Integer.parseInt(text);
        if (limit < 1 || limit > ReadHotKeys.MAX_LIMIT) {
            throw HttpProblem.invalid(expected + ", got " + limit);
        }
        return limit;
    }

    private static Map<String, Object> describe(ReadHotKeys.HotKey hot) {
        CacheKey key = hot.key();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", key.toString());
        out.put("type", key.type().segment());
        if (key.user() != null) {
            out.put("userId", key.user().value());
        }
        if (key.period() != null) {
            out.put("period", key.period().code());
        }
        if (key.widget() != null) {
            out.put("widget", key.widget().value());
        }
        out.put("estimatedReads", hot.estimatedReads());
        return out;
    }
}
