package io.dashcache.domain;

import java.util.Objects;

/**
 * The unit of invalidation: each scope has one version counter in Redis, and a stored value is
 * valid only while the versions of all its key's scopes are the ones it was loaded under. Bumping a
 * counter makes any number of cached keys stale in O(1).
 *
 * <ul>
 *   <li>{@link DashboardScope}: a data type for one user, or a global type.</li>
 *   <li>{@link NamedCacheScope}: every entry of an application's named cache ({@code clear}).</li>
 *   <li>{@link NamedEntryScope}: one entry of a named cache ({@code evict}, {@code put}).</li>
 * </ul>
 */
public sealed interface Scope permits DashboardScope, NamedCacheScope, NamedEntryScope {

    /** The cache the scope belongs to: a data type's segment, or a named cache's name. */
    String cache();

    static DashboardScope ofUser(DataType type, UserId user) {
        return new DashboardScope(type, Objects.requireNonNull(user, "user"));
    }

    static DashboardScope global(DataType type) {
        return new DashboardScope(type, null);
    }

    /**
     * Reads a scope back from its {@link #toString()} form, as it travels in invalidation messages:
     * {@code overview:user:42}, {@code analytics}, {@code app:orders}, {@code app:orders:<base64url key>}.
     *
     * @throws InvalidInputException when the text is not a scope
     */
    static Scope parse(String text) {
        if (text == null) {
            throw new InvalidInputException("scope", "scope is required");
        }
        if (text.startsWith(NamedCacheScope.PREFIX)) {
            return NamedCacheScope.parse(text);
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
}
