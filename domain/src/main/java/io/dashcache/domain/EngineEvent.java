package io.dashcache.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something that happened in the Core Detection Engine and makes cached data stale.
 * Validated on construction: an event that exists is safe to apply.
 *
 * @param eventId     the engine's id, the key of idempotence: 1 to 128 chars of {@code [A-Za-z0-9._:@-]}
 * @param type        what happened
 * @param user        the user it happened to; required by the per-user types
 * @param users       for a batch: every user whose data it touched (may be empty)
 * @param occurredAt  when the engine says it happened
 * @param detectionId optional, for logs
 * @param batchId     optional, for logs
 */
public record EngineEvent(String eventId, EventType type, UserId user, List<UserId> users, Instant occurredAt,
                          String detectionId, String batchId) {

    public static final int MAX_BATCH_USERS = 10_000;

    public EngineEvent {
        requireEventId(eventId);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        users = users == null ? List.of() : List.copyOf(users);
        if (type.needsUser() && user == null) {
            throw new InvalidInputException("userId", "a " + type.wireName() + " event needs a userId");
        }
        if (users.size() > MAX_BATCH_USERS) {
            throw new InvalidInputException("userIds", "an event names at most " + MAX_BATCH_USERS + " users");
        }
        optionalId("detectionId", detectionId);
        optionalId("batchId", batchId);
    }

    public static String requireEventId(String eventId) {
        if (eventId == null || eventId.isEmpty() || eventId.length() > 128
                || !eventId.chars().allMatch(EngineEvent::idChar)) {
            throw new InvalidInputException("eventId", "eventId must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ -, got '"
                    + InvalidInputException.excerpt(eventId) + "'");
        }
        return eventId;
    }

    private static void optionalId(String field, String value) {
        if (value != null && (value.isEmpty() || value.length() > 128 || !value.chars().allMatch(EngineEvent::idChar))) {
            throw new InvalidInputException(field, field + " must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ -");
        }
    }

    private static boolean idChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == ':' || c == '@' || c == '-';
    }
}
