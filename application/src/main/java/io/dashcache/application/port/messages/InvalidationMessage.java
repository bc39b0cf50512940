package io.dashcache.application.port.messages;

import io.dashcache.domain.DataType;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.Scope;
import java.time.Instant;
import java.util.Set;

/**
 * What every instance must drop from its L1, as broadcast after an invalidation.
 *
 * @param origin     the instance that applied the invalidation (for logs, and so that it does not
 *                   announce its own invalidation twice)
 * @param scopes     scopes whose entries are stale
 * @param types      data types whose every entry is stale (operator action)
 * @param everything every entry is stale (operator action, or a lost connection)
 * @param eventId    the engine event that caused it, when one did; {@code null} otherwise
 * @param occurredAt when that event happened, as the engine says; {@code null} without an event (or
 *                   from an instance too old to send it)
 * @param streamedAt when that event entered the event stream (its entry id's milliseconds);
 *                   {@code null} when it came another way (the webhook) or without an event
 */
public record InvalidationMessage(String origin, Set<Scope> scopes, Set<DataType> types, boolean everything,
                                  String eventId, Instant occurredAt, Instant streamedAt) {

    public InvalidationMessage {
        scopes = Set.copyOf(scopes);
        types = Set.copyOf(types);
        if (eventId != null) {
            EngineEvent.requireEventId(eventId);
        }
    }

    /** A message without the event's times. */
    public InvalidationMessage(String origin, Set<Scope> scopes, Set<DataType> types, boolean everything,
                               String eventId) {
        this(origin, scopes, types, everything, eventId, null, null);
    }

    /** A message no engine event caused (an operator's, a write-through). */
    public InvalidationMessage(String origin, Set<Scope> scopes, Set<DataType> types, boolean everything) {
        this(origin, scopes, types, everything, null);
    }

    public static InvalidationMessage ofScopes(String origin, Set<? extends Scope> scopes) {
        return new InvalidationMessage(origin, Set.copyOf(scopes), Set.of(), false);
    }

    /** @param eventId the engine event that made the scopes stale, or {@code null} */
    public static InvalidationMessage ofScopes(String origin, Set<? extends Scope> scopes, String eventId) {
        return new InvalidationMessage(origin, Set.copyOf(scopes), Set.of(), false, eventId);
    }

    /**
     * @param eventId    the engine event that made the scopes stale, or {@code null}
     * @param occurredAt when it happened, or {@code null}
     * @param streamedAt when it entered the event stream, or {@code null}
     */
    public static InvalidationMessage ofScopes(String origin, Set<? extends Scope> scopes, String eventId,
                                               Instant occurredAt, Instant streamedAt) {
        return new InvalidationMessage(origin, Set.copyOf(scopes), Set.of(), false, eventId, occurredAt, streamedAt);
    }

    public static InvalidationMessage ofType(String origin, DataType type) {
        return new InvalidationMessage(origin, Set.of(), Set.of(type), false);
    }

    public static InvalidationMessage ofEverything(String origin) {
        return new InvalidationMessage(origin, Set.of(), Set.of(), true);
    }
}
