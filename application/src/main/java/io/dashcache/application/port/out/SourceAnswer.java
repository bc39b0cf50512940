package io.dashcache.application.port.out;

/** What the engine answered for a key: its JSON, or that it has no such data. */
public sealed interface SourceAnswer {

    static SourceAnswer found(byte[] json) {
        return new Found(json);
    }

    static SourceAnswer notFound() {
        return NotFound.INSTANCE;
    }

    /** The engine's JSON object, exactly as it sent it. */
    record Found(byte[] json) implements SourceAnswer {
        public Found {
            java.util.Objects.requireNonNull(json, "json");
        }
    }

    /** The engine answered 404. */
    enum NotFound implements SourceAnswer {
        INSTANCE
    }
}
