package io.dashcache.domain;

/**
 * A value from outside (a header, a query parameter, an event field) that breaks a rule of the
 * contract. The message names the field and the rule and is safe to show to the caller: it
 * never echoes more than a short, sanitised excerpt of the bad value.
 */
public final class InvalidInputException extends IllegalArgumentException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** A bad value made safe to quote in a message or a log line: printable ASCII, at most 40 chars. */
    static String excerpt(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 40; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return value.length() > 40 ? out + "..." : out.toString();
    }
}
