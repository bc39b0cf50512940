package io.dashcache.adapters.redis;

import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.InvalidInputException;
import io.dashcache.domain.Scope;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The text of an invalidation on the pub/sub channel: small, readable in {@code redis-cli
 * SUBSCRIBE}, and versioned so a format change is refused rather than misread.
 *
 * <pre>
 * dashcache-invalidation/1
 * instance-7f3a event=e-123     (origin, then the engine event that caused it, when one did)
 * overview:user:42              (one line per scope, Scope.toString)
 * analytics
 * type:widget_data              (every entry of a type)
 * all                           (every entry)
 * </pre>
 *
 * <p>The event id rides on the origin line because that is the one line an older instance takes
 * as free text: during a rolling upgrade it reads a new message as before (with a longer origin
 * in its logs), and a new instance reads an old message as one without an event.
 */
final class InvalidationCodec {

    static final String HEADER = "dashcache-invalidation/1";
    private static final String TYPE = "type:";
    private static final String ALL = "all";
    private static final String EVENT = " event=";

    private InvalidationCodec() {
    }

    static String encode(InvalidationMessage message) {
        StringBuilder out = new StringBuilder(HEADER).append('\n').append(oneLine(message.origin()));
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
        int event = lines[1].lastIndexOf(EVENT);
        String eventId = event < 0 ? null : lines[1].substring(event + EVENT.length());
        if (eventId == null || !isEventId(eventId)) {
            return new InvalidationMessage(lines[1], scopes, types, everything);
        }
        return new InvalidationMessage(lines[1].substring(0, event), scopes, types, everything, eventId);
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
