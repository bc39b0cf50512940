package io.dashcache.domain;

/** The one rule for ids that end up inside Redis keys: 1 to 64 characters of {@code [A-Za-z0-9._@-]}. */
final class Identifier {

    static final int MAX_LENGTH = 64;

    private Identifier() {
    }

    static String require(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(field, field + " is required");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidInputException(field,
                    field + " must be at most " + MAX_LENGTH + " characters, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (!allowed(value.charAt(i))) {
                throw new InvalidInputException(field, field + " may only contain A-Z a-z 0-9 . _ @ -, got '"
                        + InvalidInputException.excerpt(value) + "'");
            }
        }
        return value;
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '@' || c == '-';
    }
}
