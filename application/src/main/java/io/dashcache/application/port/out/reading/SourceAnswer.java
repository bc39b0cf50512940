package io.dashcache.application.port.out.reading;

import java.time.Duration;
import java.util.Optional;

/** What the source answered for a key: its bytes (and perhaps their TTL), or that it has no such data. */
public sealed interface SourceAnswer {

    static SourceAnswer found(byte[] json) {
        return new Found(json, Optional.empty());
    }

    /** Bytes the source says stay fresh for {@code ttl} (instead of their cache's TTL). */
    static SourceAnswer found(byte[] bytes, Duration ttl) {
        return new Found(bytes, Optional.of(ttl));
    }

    static SourceAnswer notFound() {
        return NotFound.INSTANCE;
    }

    /**
     * The source's bytes (the engine's JSON object exactly as it sent it).
     *
     * @param ttl the TTL the loader chose for this value, when it chose one
     */
    record Found(byte[] json, Optional<Duration> ttl) implements SourceAnswer {
        public Found {
            java.util.Objects.requireNonNull(json, "json");
            java.util.Objects.requireNonNull(ttl, "ttl");
        }
    }

    /** The engine answered 404. */
    enum NotFound implements SourceAnswer {
        INSTANCE
    }
}
