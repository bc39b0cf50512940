package io.dashcache.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Strong entity tags: a quoted, URL-safe digest of the payload bytes, computed once per load. */
public final class ETag {

    private ETag() {
    }

    public static String of(byte[] payload) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload);
            byte[] head = java.util.Arrays.copyOf(digest, 18);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(head) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Whether an {@code If-None-Match} header value matches this tag: {@code *}, the tag itself, or a
     * list containing it, weak or strong (RFC 9110 weak comparison).
     */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || etag == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
