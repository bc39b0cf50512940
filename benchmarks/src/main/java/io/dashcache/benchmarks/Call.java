package io.dashcache.benchmarks;

import io.dashcache.domain.CacheKey;
import io.dashcache.domain.UserId;
import java.nio.charset.StandardCharsets;

/**
 * One request of the load harness: a read of one data type for a user, or an engine event posted
 * to the webhook. {@code label} names what it reads (the data type) or {@code event}; {@code key} is the
 * cache key a read means, {@code eventUser} the user a {@code detection.created} event names (both for
 * {@link OnDemandOracle}).
 */
record Call(String label, String method, String path, String user, String body, CacheKey key, UserId eventUser) {

    static final String EVENT = "event";

    static Call read(CacheKey key, String path) {
        return new Call(key.type().segment(), "GET", path, key.user() == null ? null : key.user().value(), null, key,
                null);
    }

    static Call event(UserId user, String json) {
        return new Call(EVENT, "POST", "/api/events", null, json, null, user);
    }

    boolean isEvent() {
        return EVENT.equals(label);
    }

    /** The request as HTTP/1.1 bytes on a keep-alive connection. */
    byte[] wire() {
        StringBuilder out = new StringBuilder(160).append(method).append(' ').append(path)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (user != null) {
            out.append("X-User-Id: ").append(user).append("\r\n");
        }
        if (body == null) {
            return out.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        }
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        out.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n\r\n");
        byte[] head = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }
}
