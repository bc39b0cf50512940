package io.dashcache.adapters.http.in;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dashcache.support.json.JsonRules;
import java.io.IOException;

/**
 * The module's one JSON mapper. Reading follows {@link JsonRules} (the limits engine answers are
 * held to as well): bounded nesting, length and names, duplicate keys refused, nothing after the
 * value; no default typing, so a body can never choose a Java class.
 */
final class Json {

    static final String CONTENT_TYPE = "application/json";

    private final ObjectMapper mapper;

    Json(int maxDocumentBytes) {
        this.mapper = JsonMapper.builder(JsonRules.factory(maxDocumentBytes))
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** Parses a body into plain maps, lists, strings, numbers and booleans. */
    Object readPlain(byte[] body) {
        try {
            return mapper.readValue(body, Object.class);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    JsonNode readTree(byte[] body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // only our own records and maps are written: failing here is a bug, not bad input
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The rule broken and where, in our words: the parser's own names stay in this process. */
    private static HttpProblem malformed(IOException e) {
        return HttpProblem.badRequest("malformed_json", "the body is not valid JSON: " + JsonRules.describe(e));
    }
}
