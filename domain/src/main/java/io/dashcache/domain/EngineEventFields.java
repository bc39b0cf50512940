package io.dashcache.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the fields of an event as any JSON reader delivers them (strings, lists, maps) into an
 * {@link EngineEvent}, with one clear message per broken rule. The stream consumer and the webhook
 * both come through here, so an event means the same on either path.
 */
public final class EngineEventFields {

    private EngineEventFields() {
    }

    /**
     * @param fields the event's JSON object: {@code eventId}, {@code type}, {@code occurredAt}, and
     *               as the type needs {@code userId}, {@code userIds}, {@code detectionId}, {@code batchId}
     * @throws InvalidInputException naming the first field that breaks a rule
     */
    public static EngineEvent toEvent(Map<String, ?> fields) {
        if (fields == null) {
            throw new InvalidInputException("event", "an event must be a JSON object");
        }
        String eventId = text(fields, "eventId", true);
        EventType type = EventType.fromWireName(text(fields, "type", true));
        String user = text(fields, "userId", false);
        Instant occurredAt = instant(text(fields, "occurredAt", true));
        return new EngineEvent(eventId, type, user == null ? null : UserId.of(user), users(fields.get("userIds")),
                occurredAt, text(fields, "detectionId", false), text(fields, "batchId", false));
    }

    private static String text(Map<String, ?> fields, String name, boolean required) {
        Object value = fields.get(name);
        if (value == null) {
            if (required) {
                throw new InvalidInputException(name, name + " is required");
            }
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number n && !name.equals("type") && !name.equals("occurredAt")) {
            return n.toString(); // engines that send numeric ids: 42 means "42"
        }
        throw new InvalidInputException(name, name + " must be a string");
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("occurredAt", "occurredAt must be an ISO-8601 instant such as "
                    + "2026-11-25T10:00:00Z, got '" + InvalidInputException.excerpt(text) + "'");
        }
    }

    private static List<UserId> users(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidInputException("userIds", "userIds must be a list of user ids");
        }
        if (list.size() > EngineEvent.MAX_BATCH_USERS) {
            throw new InvalidInputException("userIds", "an event names at most " + EngineEvent.MAX_BATCH_USERS + " users");
        }
        List<UserId> users = new ArrayList<>(list.size());
        int index = 0;
        for (Object item : list) {
            if (item instanceof String s) {
                users.add(listedUser(index, s));
            } else if (item instanceof Number n) {
                users.add(listedUser(index, n.toString()));
            } else {
                throw new InvalidInputException("userIds", "userIds must be a list of user ids");
            }
            index++;
        }
        return users;
    }

    /** A bad entry is the caller's {@code userIds} field, not {@code userId}: say which entry it is. */
    private static UserId listedUser(int index, String value) {
        try {
            return UserId.of(value);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("userIds", "userIds[" + index + "]: " + e.getMessage());
        }
    }
}
