package io.dashcache.domain;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which scopes an engine event makes stale. Over-invalidating costs a miss; under-invalidating
 * shows a wrong dashboard, so where in doubt a rule names the scope.
 *
 * <pre>
 * detection.created/updated/deleted (U)  U's overview, recent activity, notifications, widgets;
 *                                        analytics and aggregated analytics (every period)
 * batch.completed (userIds)              analytics, aggregated analytics, performance metrics;
 *                                        for each user: overview, recent activity, widgets
 * preferences.updated (U)                U's preferences and widgets
 * system.status.changed                  system status
 * performance.metrics.updated            performance metrics
 * notification.created (U)               U's notifications
 * </pre>
 *
 * A batch is a set of detections, so its users' recent activity and widgets change as their
 * overview does: the rule names them too.
 */
public final class InvalidationRule {

    private static final Set<DataType> DETECTION_USER_TYPES = EnumSet.of(
            DataType.OVERVIEW, DataType.RECENT_ACTIVITY, DataType.NOTIFICATIONS, DataType.WIDGET_DATA);
    private static final Set<DataType> BATCH_USER_TYPES = EnumSet.of(
            DataType.OVERVIEW, DataType.RECENT_ACTIVITY, DataType.WIDGET_DATA);

    private InvalidationRule() {
    }

    public static Set<DashboardScope> staleScopes(EngineEvent event) {
        Set<DashboardScope> scopes = new LinkedHashSet<>();
        switch (event.type()) {
            case DETECTION_CREATED, DETECTION_UPDATED, DETECTION_DELETED -> {
                forUser(scopes, event.user(), DETECTION_USER_TYPES);
                scopes.add(Scope.global(DataType.ANALYTICS));
                scopes.add(Scope.global(DataType.AGGREGATED_ANALYTICS));
            }
            case BATCH_COMPLETED -> {
                scopes.add(Scope.global(DataType.ANALYTICS));
                scopes.add(Scope.global(DataType.AGGREGATED_ANALYTICS));
                scopes.add(Scope.global(DataType.PERFORMANCE_METRICS));
                if (event.user() != null) {
                    forUser(scopes, event.user(), BATCH_USER_TYPES);
                }
                for (UserId user : event.users()) {
                    forUser(scopes, user, BATCH_USER_TYPES);
                }
            }
            case PREFERENCES_UPDATED -> forUser(scopes, event.user(),
                    EnumSet.of(DataType.USER_PREFERENCES, DataType.WIDGET_DATA));
            case SYSTEM_STATUS_CHANGED -> scopes.add(Scope.global(DataType.SYSTEM_STATUS));
            case PERFORMANCE_METRICS_UPDATED -> scopes.add(Scope.global(DataType.PERFORMANCE_METRICS));
            case NOTIFICATION_CREATED -> forUser(scopes, event.user(), EnumSet.of(DataType.NOTIFICATIONS));
        }
        return scopes;
    }

    /** Every per-user scope of one user: what "invalidate user U" means. */
    public static Set<DashboardScope> allOfUser(UserId user) {
        Set<DashboardScope> scopes = new LinkedHashSet<>();
        for (DataType type : DataType.values()) {
            if (type.scopeKind().isPerUser()) {
                scopes.add(Scope.ofUser(type, user));
            }
        }
        return scopes;
    }

    private static void forUser(Set<DashboardScope> scopes, UserId user, Set<DataType> types) {
        for (DataType type : types) {
            scopes.add(Scope.ofUser(type, user));
        }
    }
}
