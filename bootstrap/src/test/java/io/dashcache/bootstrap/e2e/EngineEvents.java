package io.dashcache.bootstrap.e2e;

import java.time.Instant;
import java.util.UUID;

/** Engine events in the wire form of docs/contract.md, each with an id of its own. */
final class EngineEvents {

    private EngineEvents() {
    }

    static String of(String type, String user) {
        return "{\"eventId\":\"e-" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"userId\":\"" + user
                + "\",\"occurredAt\":\"" + Instant.now() + "\"}";
    }

    static String detectionCreated(String user) {
        return of("detection.created", user);
    }
}
