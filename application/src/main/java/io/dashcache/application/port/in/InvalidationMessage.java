package io.dashcache.application.port.in;

import io.dashcache.domain.DataType;
import io.dashcache.domain.Scope;
import java.util.Set;

/**
 * What every instance must drop from its L1, as broadcast after an invalidation.
 *
 * @param origin     the instance that applied the invalidation (for logs)
 * @param scopes     scopes whose entries are stale
 * @param types      data types whose every entry is stale (operator action)
 * @param everything every entry is stale (operator action, or a lost connection)
 */
public record InvalidationMessage(String origin, Set<Scope> scopes, Set<DataType> types, boolean everything) {

    public InvalidationMessage {
        scopes = Set.copyOf(scopes);
        types = Set.copyOf(types);
    }

    public static InvalidationMessage ofScopes(String origin, Set<Scope> scopes) {
        return new InvalidationMessage(origin, scopes, Set.of(), false);
    }

    public static InvalidationMessage ofType(String origin, DataType type) {
        return new InvalidationMessage(origin, Set.of(), Set.of(type), false);
    }

    public static InvalidationMessage ofEverything(String origin) {
        return new InvalidationMessage(origin, Set.of(), Set.of(), true);
    }
}
