package io.dashcache.domain;

import java.util.Objects;

/**
 * The scope of dashboard data: one data type, for one user or for everyone. Every dashboard key
 * belongs to exactly one, so an event makes any number of cached keys stale by bumping a handful
 * of counters.
 */
public record DashboardScope(DataType type, UserId user) implements Scope {

    public DashboardScope {
        Objects.requireNonNull(type, "type");
        if (type.scopeKind().isPerUser() != (user != null)) {
            throw new IllegalArgumentException(type.segment()
                    + (user == null ? " is per user: a scope needs a user" : " is global: a scope takes no user"));
        }
    }

    @Override
    public String cache() {
        return type.segment();
    }

    public boolean isPerUser() {
        return user != null;
    }

    /** {@code overview:user:42} or {@code analytics}: the scope as operators read it; see {@link Scope#parse}. */
    @Override
    public String toString() {
        return user == null ? type.segment() : type.segment() + ":user:" + user.value();
    }
}
