package io.dashcache.bootstrap.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of the contract's cached reads for one user: the REST path a dashboard calls and the engine
 * request it turns into on a miss.
 *
 * @param name   how a failing assertion names it
 * @param path   the REST path with its query, e.g. {@code /api/dashboard/analytics?period=7d}
 * @param engine what the engine is asked on a miss
 */
record ApiRead(String name, String path, EngineRead engine) {

    static final List<String> PERIODS = List.of("1h", "24h", "7d", "30d");

    static ApiRead overview(String user) {
        return perUser("overview", "/overview", "overview", user);
    }

    static ApiRead preferences(String user) {
        return perUser("preferences", "/preferences", "user_preferences", user);
    }

    static ApiRead recentActivity(String user) {
        return perUser("recent-activity", "/recent-activity", "recent_activity", user);
    }

    static ApiRead notifications(String user) {
        return perUser("notifications", "/notifications", "notifications", user);
    }

    static ApiRead widget(String user, String widget) {
        return new ApiRead("widget " + widget, "/api/dashboard/widgets/" + widget,
                EngineRead.of("widget_data", Map.of("userId", user, "widget", widget)));
    }

    static ApiRead systemStatus() {
        return new ApiRead("system-status", "/api/dashboard/system-status", EngineRead.of("system_status", Map.of()));
    }

    static ApiRead performanceMetrics() {
        return new ApiRead("performance-metrics", "/api/dashboard/performance-metrics",
                EngineRead.of("performance_metrics", Map.of()));
    }

    static ApiRead analytics(String period) {
        return new ApiRead("analytics " + period, "/api/dashboard/analytics?period=" + period,
                EngineRead.of("analytics", Map.of("period", period)));
    }

    static ApiRead aggregatedAnalytics(String period) {
        return new ApiRead("aggregated-analytics " + period, "/api/dashboard/aggregated-analytics?period=" + period,
                EngineRead.of("aggregated_analytics", Map.of("period", period)));
    }

    /** The nine reads of the contract, analytics and aggregated analytics for one period each. */
    static List<ApiRead> nine(String user) {
        return List.of(overview(user), analytics("7d"), preferences(user), systemStatus(), performanceMetrics(),
                recentActivity(user), notifications(user), widget(user, "heatmap"), aggregatedAnalytics("30d"));
    }

    /** The nine reads with every period of the two analytics: every distinct key one user's dashboard has. */
    static List<ApiRead> everyKey(String user) {
        List<ApiRead> reads = new ArrayList<>(List.of(overview(user), preferences(user), systemStatus(),
                performanceMetrics(), recentActivity(user), notifications(user), widget(user, "heatmap")));
        PERIODS.forEach(period -> reads.add(analytics(period)));
        PERIODS.forEach(period -> reads.add(aggregatedAnalytics(period)));
        return reads;
    }

    /** The reads that belong to the user (the rest are the same for everyone). */
    static List<ApiRead> ofUserOnly(String user) {
        return List.of(overview(user), preferences(user), recentActivity(user), notifications(user),
                widget(user, "heatmap"));
    }

    /** The user whose read this is ({@code X-User-Id}); {@code null} for a read that is the same for everyone. */
    String user() {
        return engine.query().get("userId");
    }

    /** A body as an engine might send it: odd spacing and a non-ASCII character, so any re-serialising shows. */
    String body(String version) {
        return "{ \"read\" : \"" + name + "\",\n  \"version\":\"" + version + "\", \"ratio\": 1.50, \"name\":\"Zo\u00eb\" }";
    }

    private static ApiRead perUser(String name, String path, String type, String user) {
        return new ApiRead(name, "/api/dashboard" + path, EngineRead.of(type, Map.of("userId", user)));
    }
}
