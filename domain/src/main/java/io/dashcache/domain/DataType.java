package io.dashcache.domain;

import java.time.Duration;
import java.util.Locale;

/** The nine kinds of dashboard data, with their key segment, scope and default TTL (docs/contract.md). */
public enum DataType {
    OVERVIEW("overview", ScopeKind.USER, 300),
    ANALYTICS("analytics", ScopeKind.PERIOD, 600),
    USER_PREFERENCES("user_preferences", ScopeKind.USER, 1800),
    SYSTEM_STATUS("system_status", ScopeKind.GLOBAL, 60),
    PERFORMANCE_METRICS("performance_metrics", ScopeKind.GLOBAL, 300),
    RECENT_ACTIVITY("recent_activity", ScopeKind.USER, 120),
    NOTIFICATIONS("notifications", ScopeKind.USER, 600),
    WIDGET_DATA("widget_data", ScopeKind.USER_WIDGET, 300),
    AGGREGATED_ANALYTICS("aggregated_analytics", ScopeKind.PERIOD, 900);

    private final String segment;
    private final ScopeKind scopeKind;
    private final Duration defaultTtl;

    DataType(String segment, ScopeKind scopeKind, int defaultTtlSeconds) {
        this.segment = segment;
        this.scopeKind = scopeKind;
        this.defaultTtl = Duration.ofSeconds(defaultTtlSeconds);
    }

    /** The key segment, also the engine's path: {@code /v1/{segment}}. */
    public String segment() {
        return segment;
    }

    public ScopeKind scopeKind() {
        return scopeKind;
    }

    public Duration defaultTtl() {
        return defaultTtl;
    }

    /** The suffix of this type's TTL override variable: {@code DASHCACHE_TTL_<suffix>}. */
    public String configSuffix() {
        return segment.toUpperCase(Locale.ROOT);
    }

    public static DataType fromSegment(String segment) {
        for (DataType type : values()) {
            if (type.segment.equals(segment)) {
                return type;
            }
        }
        throw new InvalidInputException("type", "unknown data type '" + InvalidInputException.excerpt(segment) + "'");
    }
}
