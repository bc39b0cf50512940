package io.dashcache.adapters.events;

/** Text from outside made safe for one log line or one stream field: printable ASCII, bounded. */
final class OneLine {

    private OneLine() {
    }

    /** Control and non-ASCII characters become {@code ?}; longer text ends with {@code ...}. */
    static String of(String text, int maxChars) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 3);
        for (int i = 0; i < text.length() && out.length() < maxChars; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.length() > maxChars ? out.append("...").toString() : out.toString();
    }
}
