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
 *
 * <p>A value class rather than a record: it is the key of every L1 lookup, so its hash is computed
 * once and equality compares identities and strings directly (a record's generated {@code hashCode}
 * and {@code equals} cost an L1 hit more than the lookup itself, benchmarks section 7).
 */
public final class CacheKey implements EntryKey {

    private final DataType type;
    private final UserId user;
    private final Period period;
    private final WidgetType widget;
    private final int hash;

    public CacheKey(DataType type, UserId user, Period period, WidgetType widget) {
        Objects.requireNonNull(type, "type");
        ScopeKind kind = type.scopeKind();
        check(kind.isPerUser() == (user != null), type, "user");
        check((kind == ScopeKind.PERIOD) == (period != null), type, "period");
        check((kind == ScopeKind.USER_WIDGET) == (widget != null), type, "widget");
        this.type = type;
        this.user = user;
        this.period = period;
        this.widget = widget;
        int h = type.hashCode();
        h = 31 * h + (user == null ? 0 : user.value().hashCode());
        h = 31 * h + (period == null ? 0 : period.hashCode());
        this.hash = 31 * h + (widget == null ? 0 : widget.value().hashCode());
    }

    public DataType type() {
        return type;
    }

    /** The user, for per-user types; {@code null} for global ones. */
    public UserId user() {
        return user;
    }

    /** The period, for per-period types; {@code null} otherwise. */
    public Period period() {
        return period;
    }

    /** The widget, for widget data; {@code null} otherwise. */
    public WidgetType widget() {
        return widget;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof CacheKey that && hash == that.hash && type == that.type && period == that.period
                && sameText(user == null ? null : user.value(), that.user == null ? null : that.user.value())
                && sameText(widget == null ? null : widget.value(), that.widget == null ? null : that.widget.value());
    }

    private static boolean sameText(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    @Override
    public int hashCode() {
        return hash;
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
