package io.dashcache.bootstrap.faults;

import java.util.Random;

/**
 * Seeded generators of what a hostile or broken client sends: strings with globs, braces, CR/LF,
 * control and non-ASCII characters, percent-encodings, very long runs, and (now and then) a valid
 * id so that the path through to Redis and the engine is exercised too; and JSON documents that
 * are truncated, deeply nested, oversized, or of the wrong types.
 */
final class HostileInput {

    private static final String[] NASTY = {"*", "?", "[", "]", "{", "}", "\r", "\n", "\r\n", " ", "\t", "\u0000",
            ":", "..", "../", "%", "%0d%0a", "%2A", "%00", "%7B42%7D", "\\", "\"", "'", "\u00e9", "\u202e", "\ud83d\ude00",
            "\ud800", "\uffff", "\u0085", "\u2028", "@", "-", "_", ".", "KEYS *", "FLUSHALL", "{42}", "user:", "\u001b[31m"};
    private static final String VALID = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._@-";

    private final Random random;

    HostileInput(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A string a field might carry: mostly hostile, sometimes valid. */
    String text() {
        return switch (random.nextInt(10)) {
            case 0 -> valid(1 + random.nextInt(64));
            case 1 -> valid(65 + random.nextInt(200));                       // too long, but valid characters
            case 2 -> "x".repeat(1_000 + random.nextInt(9_000));             // very long
            case 3 -> randomCodePoints(1 + random.nextInt(40));
            case 4 -> "";
            default -> mixed(1 + random.nextInt(30));
        };
    }

    String valid(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(VALID.charAt(random.nextInt(VALID.length())));
        }
        return out.toString();
    }

    private String mixed(int pieces) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            out.append(random.nextBoolean() ? NASTY[random.nextInt(NASTY.length)]
                    : String.valueOf(VALID.charAt(random.nextInt(VALID.length()))));
        }
        return out.toString();
    }

    private String randomCodePoints(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int bound = random.nextInt(4) == 0 ? 0x10FFFF : 0x250;
            int codePoint = random.nextInt(bound);
            if (Character.isValidCodePoint(codePoint)) {
                out.appendCodePoint(codePoint);
            }
        }
        return out.toString();
    }

    /** A JSON string literal of {@code value}, escaped as JSON demands (so the document itself parses). */
    static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Any JSON value, hostile in its strings, numbers and shape. */
    String jsonValue(int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 9);
        return switch (kind) {
            case 0 -> jsonString(text());
            case 1 -> random.nextBoolean() ? "1e999999" : "-123456789012345678901234567890.5e-99999";
            case 2 -> Long.toString(random.nextLong());
            case 3 -> random.nextBoolean() ? "true" : "null";
            case 4 -> "[]";
            case 5 -> "{}";
            case 6 -> "[" + jsonValue(depth + 1) + "," + jsonValue(depth + 1) + "]";
            default -> "{" + jsonString(text()) + ":" + jsonValue(depth + 1) + "}";
        };
    }

    /** An engine event, with some fields hostile, some missing, some of the wrong type. */
    String event() {
        StringBuilder out = new StringBuilder("{");
        String[] fields = {"eventId", "type", "userId", "userIds", "occurredAt", "detectionId", "batchId"};
        String[] sensible = {jsonString("e-" + valid(8)), jsonString("detection.created"), jsonString(valid(6)),
                "[" + jsonString(valid(5)) + "]", jsonString("2026-11-25T10:00:00Z"), jsonString("d-1"), jsonString("b-1")};
        boolean first = true;
        for (int i = 0; i < fields.length; i++) {
            int choice = random.nextInt(4);
            if (choice == 0 && i > 2) {
                continue; // missing
            }
            out.append(first ? "" : ",").append('"').append(fields[i]).append("\":")
                    .append(choice == 1 ? jsonValue(0) : sensible[i]);
            first = false;
        }
        return out.append('}').toString();
    }

    /** A body: an event, garbage, truncated, deeply nested, or a huge or odd JSON value. */
    String body() {
        return switch (random.nextInt(8)) {
            case 0 -> event();
            case 1 -> {
                String event = event();
                yield event.substring(0, random.nextInt(event.length())); // truncated
            }
            case 2 -> "[".repeat(10 + random.nextInt(5_000)) + "]".repeat(random.nextInt(3));
            case 3 -> "{\"a\":".repeat(25 + random.nextInt(100)) + "1" + "}".repeat(random.nextInt(130));
            case 4 -> text();
            case 5 -> "[" + event() + "," + jsonValue(0) + "]";
            case 6 -> "{\"userId\":" + jsonValue(0) + ",\"type\":" + jsonValue(0) + ",\"all\":" + jsonValue(0) + "}";
            default -> jsonValue(0);
        };
    }
}
