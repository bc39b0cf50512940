package io.dashcache.adapters.events;

import java.util.Map;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

/**
 * The engine's side of the event stream in tests: appends entries as the engine does and reads how
 * many the consumer group has not acknowledged yet.
 *
 * <pre>{@code
 * EngineStream stream = new EngineStream(redis, settings);
 * stream.add(EngineStream.event("e-1"));
 * await().until(() -> stream.pendingCount() == 0);
 * }</pre>
 */
record EngineStream(UnifiedJedis redis, EventConsumerSettings settings) {

    /** Appends an entry whose {@code event} field is {@code json}. */
    StreamEntryID add(String json) {
        return redis.xadd(settings.stream(), XAddParams.xAddParams(), Map.of("event", json));
    }

    /**
     * Appends entries in one transaction: a consumer blocked on the stream is woken once, after all of them,
     * so it reads them in one batch (two plain adds race its read: it may wake on the first alone).
     */
    void addTogether(String... jsons) {
        try (AbstractTransaction transaction = redis.multi()) {
            for (String json : jsons) {
                transaction.xadd(settings.stream(), XAddParams.xAddParams(), Map.of("event", json));
            }
            transaction.exec();
        }
    }

    /** Entries the group delivered and no consumer acknowledged yet. */
    long pendingCount() {
        return redis.xpending(settings.stream(), settings.group()).getTotal();
    }

    /** A valid {@code detection.created} event with the given id. */
    static String event(String eventId) {
        return "{\"eventId\": \"" + eventId + "\", \"type\": \"detection.created\", \"userId\": \"42\", "
                + "\"occurredAt\": \"2026-11-25T10:00:00Z\"}";
    }
}
