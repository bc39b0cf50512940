package io.dashcache.adapters.events;

/** UTF-8 sizes of strings Jedis already decoded, without encoding them again. */
final class Utf8 {

    private Utf8() {
    }

    static long length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i += charsAt(text, i)) {
            bytes += bytesAt(text, i);
        }
        return bytes;
    }

    /** The longest prefix that encodes in at most {@code maxBytes}, never splitting a surrogate pair. */
    static String truncate(String text, int maxBytes) {
        long bytes = 0;
        int i = 0;
        while (i < text.length() && bytes + bytesAt(text, i) <= maxBytes) {
            bytes += bytesAt(text, i);
            i += charsAt(text, i);
        }
        return text.substring(0, i);
    }

    private static boolean pairAt(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    private static int charsAt(String text, int i) {
        return pairAt(text, i) ? 2 : 1;
    }

    private static int bytesAt(String text, int i) {
        char c = text.charAt(i);
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        return pairAt(text, i) ? 4 : 3; // a lone surrogate is written as '?' or 3 bytes: count 3
    }
}
