package io.dashcache.adapters.http.in;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The module's one JSON configuration. Reading is hardened for bodies from outside: bounded
 * nesting, length and names, duplicate keys refused, nothing after the value; no default typing,
 * so a body can never choose a Java class.
 */
final class Json {

    static final String CONTENT_TYPE = "application/json";

    /** Deep enough for any preferences or event; shallow enough that no parser recursion can hurt. */
    static final int MAX_NESTING_DEPTH = 20;

    private final ObjectMapper mapper;

    Json(int maxDocumentBytes) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxDocumentLength(maxDocumentBytes)
                        .maxNameLength(1_000)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
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

    /** Jackson's own message names the position but may quote the input: keep only its first line, shortened. */
    private static HttpProblem malformed(IOException e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        String line = message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
        if (line.length() > 200) {
            line = line.substring(0, 200) + "...";
        }
        return HttpProblem.badRequest("malformed_json", "the body is not valid JSON: " + line);
    }
}
