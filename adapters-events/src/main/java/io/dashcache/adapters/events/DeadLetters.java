package io.dashcache.adapters.events;

import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The {@code {stream}:dead} stream: entries that can never be applied, kept with the reason so an
 * operator can see what the engine sent and replay it once fixed. Trimmed (approximately) to the
 * newest {@value #MAX_LENGTH} entries so a misbehaving producer cannot fill Redis.
 */
final class DeadLetters {

    static final long MAX_LENGTH = 10_000;

    private final UnifiedJedis redis;
    private final EventConsumerSettings settings;

    DeadLetters(UnifiedJedis redis, EventConsumerSettings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    void keep(StreamEntry entry, String reason) {
        String raw = entry.getFields().get(EntryDecoder.EVENT_FIELD);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(EntryDecoder.EVENT_FIELD, raw == null ? "" : Utf8.truncate(raw, settings.maxEntryBytes()));
        fields.put("reason", reason);
        fields.put("sourceId", entry.getID().toString());
        fields.put("consumer", settings.consumer());
        redis.xadd(settings.deadStream(), XAddParams.xAddParams().maxLen(MAX_LENGTH).approximateTrimming(), fields);
    }
}
