package io.dashcache.domain;

import java.util.List;
import java.util.Objects;

/**
 * One cacheable piece of dashboard data: its type plus exactly the parameters that type needs.
 * Construction validates everything, so a {@code CacheKey} is always safe to turn into a Redis key
 * or an engine request.
 *
 * <pre>{@code
 * CacheKey overview = CacheKey.forUser(DataType.OVERVIEW, UserId.of("42"));
 * CacheKey heatmap  = CacheKey.widget(UserId.of("42"), WidgetType.of("heatmap"));
 * CacheKey weekly   = CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_WEEK);
 * }</pre>
 */
public record CacheKey(DataType type, UserId user, Period period, WidgetType widget) implements EntryKey {

    public CacheKey {
        Objects.requireNonNull(type, "type");
        ScopeKind kind = type.scopeKind();
        check(kind.isPerUser() == (user != null), type, "user");
        check((kind == ScopeKind.PERIOD) == (period != null), type, "period");
        check((kind == ScopeKind.USER_WIDGET) == (widget != null), type, "widget");
    }

    private static void check(boolean ok, DataType type, String part) {
        if (!ok) {
            throw new IllegalArgumentException("the " + type.segment() + " key "
                    + (needs(type, part) ? "needs" : "takes no") + " " + part);
        }
    }

    private static boolean needs(DataType type, String part) {
        return switch (part) {
            case "user" -> type.scopeKind().isPerUser();
            case "period" -> type.scopeKind() == ScopeKind.PERIOD;
            default -> type.scopeKind() == ScopeKind.USER_WIDGET;
        };
    }

    public static CacheKey forUser(DataType type, UserId user) {
        return new CacheKey(type, user, null, null);
    }

    public static CacheKey global(DataType type) {
        return new CacheKey(type, null, null, null);
    }

    public static CacheKey forPeriod(DataType type, Period period) {
        return new CacheKey(type, null, period, null);
    }

    public static CacheKey widget(UserId user, WidgetType widget) {
        return new CacheKey(DataType.WIDGET_DATA, user, null, widget);
    }

    /** The scope whose version guards this key. */
    public DashboardScope scope() {
        return new DashboardScope(type, user);
    }

    @Override
    public String cache() {
        return type.segment();
    }

    @Override
    public List<Scope> scopes() {
        return List.of(scope());
    }

    /** {@code overview:user:42}, {@code analytics:7d}, {@code widget_data:user:42:heatmap}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(type.segment());
        if (user != null) {
            out.append(":user:").append(user.value());
        }
        if (widget != null) {
            out.append(':').append(widget.value());
        }
        if (period != null) {
            out.append(':').append(period.code());
        }
        return out.toString();
    }
}
