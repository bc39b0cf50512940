package io.dashcache.adapters.events;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dashcache.support.json.JsonRules;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.EngineEventFields;
import io.dashcache.domain.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the {@code event} field of a stream entry into an {@link EngineEvent}. Everything that
 * makes an entry unusable ends in an {@link UnreadableEntryException} whose message is the one-line
 * reason kept in the dead-letter stream.
 */
final class EntryDecoder {

    static final String EVENT_FIELD = "event";

    private static final int MAX_REASON_CHARS = 300;

    private final ObjectMapper mapper;
    private final int maxEventBytes;

    EntryDecoder(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
        // the same limits as request bodies: an event is flat, a deep document is an attack or a bug, and two
        // values for one field would let two readers see two different events
        this.mapper = JsonMapper.builder(JsonRules.factory(maxEventBytes))
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    EngineEvent decode(Map<String, String> fields) throws UnreadableEntryException {
        String json = fields.get(EVENT_FIELD);
        if (json == null) {
            throw new UnreadableEntryException("the entry has no '" + EVENT_FIELD + "' field (its fields: "
                    + OneLine.of(fields.keySet().stream().sorted().collect(Collectors.joining(", ")), 100) + ")");
        }
        long bytes = Utf8.length(json);
        if (bytes > maxEventBytes) {
            throw new UnreadableEntryException("the event is " + bytes + " bytes, over the limit of "
                    + maxEventBytes + " bytes");
        }
        Object value = parse(json);
        if (!(value instanceof Map<?, ?> object)) {
            throw new UnreadableEntryException("the event must be a JSON object, got " + kindOf(value));
        }
        @SuppressWarnings("unchecked") // a JSON object's names are strings
        Map<String, ?> eventFields = (Map<String, ?>) object;
        try {
            return EngineEventFields.toEvent(eventFields);
        } catch (InvalidInputException e) {
            throw new UnreadableEntryException(reason("invalid field '" + e.field() + "': " + e.getMessage()));
        }
    }

    private Object parse(String json) throws UnreadableEntryException {
        try {
            return mapper.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new UnreadableEntryException(reason("the event is not valid JSON: " + e.getOriginalMessage() + where));
        }
    }

    private static String kindOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        return "a boolean";
    }

    private static String reason(String text) {
        return OneLine.of(text, MAX_REASON_CHARS);
    }
}
