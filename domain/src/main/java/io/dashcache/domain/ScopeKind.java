package io.dashcache.domain;

/** What identifies one entry of a data type besides the type itself. */
public enum ScopeKind {
    /** one entry per user */
    USER,
    /** one entry per user and widget type */
    USER_WIDGET,
    /** one entry for everyone */
    GLOBAL,
    /** one entry per analytics period, for everyone */
    PERIOD;

    public boolean isPerUser() {
        return this == USER || this == USER_WIDGET;
    }
}
