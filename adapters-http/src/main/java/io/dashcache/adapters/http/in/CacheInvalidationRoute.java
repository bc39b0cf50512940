package io.dashcache.adapters.http.in;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcache.application.port.in.invalidation.InvalidateCache;
import io.dashcache.application.port.in.invalidation.InvalidationRequest;
import io.dashcache.domain.DataType;
import io.dashcache.domain.UserId;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code POST /api/cache/invalidate}, the operator's invalidation. The body names what to drop:
 * {@code {"userId":"42"}}, {@code {"type":"overview"}}, both, or {@code {"all":true}}; the answer is
 * the use case's summary, {@code {"scopesBumped":1,"keysDeleted":0}}. Unknown fields are refused,
 * so a typo cannot turn into a different (or empty) invalidation.
 */
final class CacheInvalidationRoute implements RouteRegistrar {

    private static final Set<String> FIELDS = Set.of("userId", "type", "all");

    private final InvalidateCache invalidate;
    private final RequestBodies bodies;
    private final Json json;

    CacheInvalidationRoute(InvalidateCache invalidate, RequestBodies bodies, Json json) {
        this.invalidate = invalidate;
        this.bodies = bodies;
        this.json = json;
    }

    @Override
    public void register(JavalinDefaultRouting routes) {
        routes.post("/api/cache/invalidate", this::invalidate);
    }

    private void invalidate(Context ctx) {
        InvalidateCache.Summary summary = invalidate.invalidate(request(bodies.readObject(ctx)));
        ctx.status(200).contentType(Json.CONTENT_TYPE).result(json.write(summary));
    }

    static InvalidationRequest request(JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw HttpProblem.invalid("unknown field '" + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
                        + "': name userId, type, both, or all:true");
            }
        }
        boolean all = all(body.get("all"));
        UserId user = body.hasNonNull("userId") ? UserId.of(text(body.get("userId"), "userId")) : null;
        DataType type = body.hasNonNull("type") ? DataType.fromSegment(text(body.get("type"), "type")) : null;
        if (all) {
            if (user != null || type != null) {
                throw HttpProblem.invalid("all:true cannot be combined with userId or type");
            }
            return InvalidationRequest.allEntries();
        }
        if (user != null && type != null) {
            return InvalidationRequest.userAndType(user, type);
        }
        if (user != null) {
            return InvalidationRequest.user(user);
        }
        if (type != null) {
            return InvalidationRequest.type(type);
        }
        throw HttpProblem.invalid("name what to invalidate: userId, type, both, or all:true");
    }

    private static boolean all(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw HttpProblem.invalid("all must be true or false");
        }
        return value.booleanValue();
    }

    /** Numeric ids are read as their text, as the event fields are. */
    static String text(JsonNode value, String field) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        throw HttpProblem.invalid(field + " must be a string");
    }
}
