package io.dashcache.adapters.redis;

import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.InvalidInputException;
import io.dashcache.domain.Scope;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The text of an invalidation on the pub/sub channel: small, readable in {@code redis-cli
 * SUBSCRIBE}, and versioned so a format change is refused rather than misread.
 *
 * <pre>
 * dashcache-invalidation/1
 * instance-7f3a occurred=1764842400123 streamed=1764842400456 event=e-123
 *                               (origin; the times of the engine event that caused it, epoch millis, when
 *                                known; then that event's id, when one caused it)
 * overview:user:42              (one line per scope, Scope.toString)
 * analytics
 * type:widget_data              (every entry of a type)
 * all                           (every entry)
 * </pre>
 *
 * <p>The event id rides on the origin line because that is the one line an older instance takes
 * as free text: during a rolling upgrade it reads a new message as before (with a longer origin
 * in its logs), and a new instance reads an old message as one without an event. The event's times
 * (for the invalidation lag) ride on the same line, before the event id, for the same reason: an
 * older instance still finds the event id at the end of the line and takes the times as part of the
 * origin, and a new instance reads an old message as one without times.
 */
final class InvalidationCodec {

    static final String HEADER = "dashcache-invalidation/1";
    private static final String TYPE = "type:";
    private static final String ALL = "all";
    private static final String EVENT = " event=";
    private static final String OCCURRED = " occurred=";
    private static final String STREAMED = " streamed=";

    private InvalidationCodec() {
    }

    static String encode(InvalidationMessage message) {
        StringBuilder out = new StringBuilder(HEADER).append('\n').append(oneLine(message.origin()));
        if (message.occurredAt() != null) {
            out.append(OCCURRED).append(message.occurredAt().toEpochMilli());
        }
        if (message.streamedAt() != null) {
            out.append(STREAMED).append(message.streamedAt().toEpochMilli());
        }
        if (message.eventId() != null) {
            out.append(EVENT).append(message.eventId());
        }
        if (message.everything()) {
            out.append('\n').append(ALL);
        }
        for (DataType type : message.types()) {
            out.append('\n').append(TYPE).append(type.segment());
        }
        for (Scope scope : message.scopes()) {
            out.append('\n').append(scope);
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException saying what does not parse */
    static InvalidationMessage decode(String text) {
        String[] lines = text == null ? new String[0] : text.split("\n", -1);
        if (lines.length < 2 || !lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("it does not start with '" + HEADER + "'");
        }
        Set<Scope> scopes = new LinkedHashSet<>();
        Set<DataType> types = new LinkedHashSet<>();
        boolean everything = false;
        for (int i = 2; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals(ALL)) {
                everything = true;
            } else if (line.startsWith(TYPE)) {
                types.add(DataType.fromSegment(line.substring(TYPE.length())));
            } else {
                scopes.add(Scope.parse(line));
            }
        }
        String origin = lines[1];
        int event = origin.lastIndexOf(EVENT);
        String eventId = event < 0 ? null : origin.substring(event + EVENT.length());
        if (eventId == null || !isEventId(eventId)) {
            eventId = null;
        } else {
            origin = origin.substring(0, event);
        }
        Instant streamedAt = trailingTime(origin, STREAMED);
        if (streamedAt != null) {
            origin = origin.substring(0, origin.lastIndexOf(STREAMED));
        }
        Instant occurredAt = trailingTime(origin, OCCURRED);
        if (occurredAt != null) {
            origin = origin.substring(0, origin.lastIndexOf(OCCURRED));
        }
        return new InvalidationMessage(origin, scopes, types, everything, eventId, occurredAt, streamedAt);
    }

    /** The epoch millis after the last {@code field} when they end the line, else {@code null}. */
    private static Instant trailingTime(String line, String field) {
        int at = line.lastIndexOf(field);
        if (at < 0) {
            return null;
        }
        String digits = line.substring(at + field.length());
        if (digits.isEmpty() || digits.length() > 15 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Instant.ofEpochMilli(Long.parseLong(digits));
    }

    private static boolean isEventId(String text) {
        try {
            EngineEvent.requireEventId(text);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private static String oneLine(String origin) {
        return origin == null ? "" : origin.replace('\n', ' ').replace('\r', ' ');
    }
}
