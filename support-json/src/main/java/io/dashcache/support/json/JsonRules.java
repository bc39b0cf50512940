package io.dashcache.support.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How this module reads JSON from outside, and how it says what is wrong with it.
 *
 * <pre>{@code
 * JsonFactory factory = JsonRules.factory(64 * 1024);              // for a mapper over request bodies
 * JsonRules answers = JsonRules.forDocumentsUpTo(8 << 20);          // one per client: the factory is reused
 * Optional<String> problem = answers.objectOrArrayProblem(bytes);   // an engine answer, streamed
 * }</pre>
 */
public final class JsonRules {

    /** Deep enough for any preferences, event or dashboard value; shallow enough that no recursion can hurt. */
    public static final int MAX_NESTING_DEPTH = 20;
    public static final int MAX_NAME_LENGTH = 1_000;

    /** The parser puts library names in backquotes (`StreamReadConstraints.getMaxNestingDepth()`), often in parentheses. */
    private static final Pattern LIBRARY_NOTE = Pattern.compile("\\s*\\([^()]*`[^()]*\\)");
    private static final Pattern LIBRARY_NAME = Pattern.compile("`[^`]*`");
    private static final Pattern SOURCE_NOTE = Pattern.compile("\\s*\\(?(start marker at )?\\[Source:.*$");

    private final int maxDocumentBytes;
    private final JsonFactory factory;

    private JsonRules(int maxDocumentBytes) {
        this.maxDocumentBytes = maxDocumentBytes;
        this.factory = factory(maxDocumentBytes);
    }

    /** A checker of documents up to {@code maxDocumentBytes}; thread-safe, and cheap to call (a factory is not). */
    public static JsonRules forDocumentsUpTo(int maxDocumentBytes) {
        return new JsonRules(maxDocumentBytes);
    }

    /**
     * A factory with the limits: nesting, names and strings bounded, the whole document at most
     * {@code maxDocumentBytes}, duplicate keys refused.
     */
    public static JsonFactory factory(int maxDocumentBytes) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxDocumentLength(maxDocumentBytes)
                        .maxNameLength(MAX_NAME_LENGTH)
                        // no string can be longer than the document that holds it
                        .maxStringLength(maxDocumentBytes)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * Reads {@code body} token by token (no tree is built) and says what keeps it from being one
     * well-formed JSON object or array within the limits; empty when it is one.
     */
    public Optional<String> objectOrArrayProblem(byte[] body) {
        if (body.length > maxDocumentBytes) {
            return Optional.of("it is larger than " + maxDocumentBytes + " bytes");
        }
        try (JsonParser parser = factory.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.of("it is empty");
            }
            if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
                return Optional.of("it is a single " + kind(first) + ", not a JSON object or array");
            }
            int depth = 0;
            for (JsonToken token = first; token != null; token = parser.nextToken()) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    // decoding the text is what checks its UTF-8, escapes and length
                    case VALUE_STRING, FIELD_NAME -> parser.getTextLength();
                    default -> { }
                }
                if (depth == 0) {
                    break;
                }
            }
            if (parser.nextToken() != null) {
                return Optional.of("there is more after the JSON value");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(describe(e));
        }
    }

    /**
     * What a parser's failure means, in a sentence that names the rule and the position but never
     * a library's class, method or feature name, and quotes no more than a short piece of the input.
     */
    public static String describe(IOException failure) {
        if (failure instanceof StreamConstraintsException limit) {
            return limitBroken(String.valueOf(limit.getOriginalMessage()));
        }
        String message = failure instanceof JsonProcessingException json ? json.getOriginalMessage() : failure.getMessage();
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        if (line.startsWith("Trailing token")) {
            return "there is more after the JSON value" + at(failure);
        }
        line = SOURCE_NOTE.matcher(line).replaceAll("");
        line = LIBRARY_NOTE.matcher(line).replaceAll("");
        line = LIBRARY_NAME.matcher(line).replaceAll("").trim();
        if (line.isEmpty()) {
            line = "it is not valid JSON";
        }
        if (line.length() > 200) {
            line = line.substring(0, 200) + "...";
        }
        return line + at(failure);
    }

    private static String limitBroken(String message) {
        if (message.contains("nesting depth")) {
            return "its nesting is deeper than " + MAX_NESTING_DEPTH + " levels";
        }
        if (message.contains("Name length")) {
            return "it has a key longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (message.contains("String value length")) {
            return "it has a string longer than the body limit";
        }
        if (message.contains("Number value length")) {
            return "it has a number with too many digits";
        }
        if (message.contains("Document length")) {
            return "it is larger than the body limit";
        }
        return "it breaks a limit on JSON bodies";
    }

    private static String at(IOException failure) {
        if (failure instanceof JsonProcessingException json) {
            JsonLocation location = json.getLocation();
            if (location != null && location.getLineNr() > 0) {
                return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            }
        }
        return "";
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> "value";
        };
    }
}
