package io.dashcache.domain;

/** The engine events of the contract, by their wire names. */
public enum EventType {
    DETECTION_CREATED("detection.created", true),
    DETECTION_UPDATED("detection.updated", true),
    DETECTION_DELETED("detection.deleted", true),
    BATCH_COMPLETED("batch.completed", false),
    PREFERENCES_UPDATED("preferences.updated", true),
    SYSTEM_STATUS_CHANGED("system.status.changed", false),
    PERFORMANCE_METRICS_UPDATED("performance.metrics.updated", false),
    NOTIFICATION_CREATED("notification.created", true);

    private final String wireName;
    private final boolean needsUser;

    EventType(String wireName, boolean needsUser) {
        this.wireName = wireName;
        this.needsUser = needsUser;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether the event is about one user and so must name one in {@code userId}. */
    public boolean needsUser() {
        return needsUser;
    }

    public static EventType fromWireName(String name) {
        for (EventType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new InvalidInputException("type", "unknown event type '" + InvalidInputException.excerpt(name) + "'");
    }
}
