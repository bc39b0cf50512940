package io.dashcache.domain;

import java.util.Objects;

/**
 * The unit of invalidation: one data type, for one user or for everyone. Every cache key belongs
 * to exactly one scope, and each scope has one version counter in Redis, so an event makes any
 * number of cached keys stale by bumping a handful of counters.
 */
public record Scope(DataType type, UserId user) {

    public Scope {
        Objects.requireNonNull(type, "type");
        if (type.scopeKind().isPerUser() != (user != null)) {
            throw new IllegalArgumentException(type.segment()
                    + (user == null ? " is per user: a scope needs a user" : " is global: a scope takes no user"));
        }
    }

    public static Scope ofUser(DataType type, UserId user) {
        return new Scope(type, Objects.requireNonNull(user, "user"));
    }

    public static Scope global(DataType type) {
        return new Scope(type, null);
    }

    public boolean isPerUser() {
        return user != null;
    }

    /**
     * Reads a scope back from its {@link #toString()} form, as it travels in invalidation messages.
     *
     * @throws InvalidInputException when the text is not a scope
     */
    public static Scope parse(String text) {
        if (text == null) {
            throw new InvalidInputException("scope", "scope is required");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            DataType type = DataType.fromSegment(text);
            if (type.scopeKind().isPerUser()) {
                throw new InvalidInputException("scope", type.segment() + " scopes need a user");
            }
            return global(type);
        }
        DataType type = DataType.fromSegment(text.substring(0, colon));
        String rest = text.substring(colon + 1);
        if (!type.scopeKind().isPerUser() || !rest.startsWith("user:")) {
            throw new InvalidInputException("scope", "'" + InvalidInputException.excerpt(text) + "' is not a scope");
        }
        return ofUser(type, UserId.of(rest.substring("user:".length())));
    }

    /** {@code overview:user:42} or {@code analytics}: the scope as operators read it; see {@link #parse}. */
    @Override
    public String toString() {
        return user == null ? type.segment() : type.segment() + ":user:" + user.value();
    }
}
