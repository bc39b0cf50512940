package io.dashcache.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** One answer of dashcache's REST API. */
record Reply(int status, HttpHeaders headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code L1_HIT}, {@code L2_HIT}, {@code MISS}, {@code STALE}, or {@code null} when absent. */
    String cache() {
        return headers.firstValue("X-Cache").orElse(null);
    }

    String etag() {
        return headers.firstValue("ETag").orElse(null);
    }

    String contentType() {
        return headers.firstValue("Content-Type").orElse("");
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text(), e);
        }
    }

    @Override
    public String toString() {
        return status + " X-Cache=" + cache() + " " + (text().length() > 300 ? text().substring(0, 300) + "..." : text());
    }
}
