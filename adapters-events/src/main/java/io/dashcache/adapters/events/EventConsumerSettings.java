package io.dashcache.adapters.events;

import io.dashcache.domain.KeyFormat;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link RedisStreamEventConsumer} reads the engine's event stream.
 *
 * <pre>{@code
 * EventConsumerSettings settings = EventConsumerSettings.defaults(keys, "dashcache-" + instanceId)
 *         .withStream(System.getenv("DASHCACHE_EVENTS_STREAM")); // null keeps {prefix}:events
 * }</pre>
 *
 * @param stream        the Redis Stream the engine appends to ({@code DASHCACHE_EVENTS_STREAM}, default
 *                      {@code {prefix}:events}); unreadable entries go to {@code {stream}:dead}
 * @param group         the consumer group every instance joins, so each entry goes to one instance
 * @param consumer      this instance's name in the group; unique per running instance
 * @param batchSize     entries per XREADGROUP / XAUTOCLAIM call
 * @param blockTimeout  how long one XREADGROUP waits for new entries; also how quickly {@code close()} returns
 * @param claimIdle     the fallback for consumers without a heartbeat (instances of an older version):
 *                      their pending entries idle longer than this are taken over
 * @param maxEntryBytes an {@code event} field longer than this (UTF-8 bytes) is dead-lettered unparsed
 * @param heartbeat     how often this consumer says it is alive ({@code DASHCACHE_EVENTS_HEARTBEAT_MS}), and how
 *                      often it looks for consumers that stopped saying so
 * @param liveness      a consumer silent this long is dead ({@code DASHCACHE_EVENTS_LIVENESS_MS}): its entries
 *                      pending at least this long are taken over, and it leaves the group once it has none
 * @param forgetIdle    a consumer that never sent a heartbeat, has nothing pending and has been idle this long
 *                      is removed from the group
 */
public record EventConsumerSettings(String stream, String group, String consumer, int batchSize,
                                    Duration blockTimeout, Duration claimIdle, int maxEntryBytes,
                                    Duration heartbeat, Duration liveness, Duration forgetIdle) {

    public static final String STREAM_VARIABLE = "DASHCACHE_EVENTS_STREAM";
    public static final String DEFAULT_GROUP = "dashcache";
    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CLAIM_IDLE = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_ENTRY_BYTES = 64 * 1024;
    public static final String HEARTBEAT_VARIABLE = "DASHCACHE_EVENTS_HEARTBEAT_MS";
    public static final String LIVENESS_VARIABLE = "DASHCACHE_EVENTS_LIVENESS_MS";
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_LIVENESS = Duration.ofSeconds(5);
    public static final Duration DEFAULT_FORGET_IDLE = Duration.ofMinutes(10);

    private static final int MAX_NAME_LENGTH = 200;
    private static final Duration MAX_BLOCK_TIMEOUT = Duration.ofSeconds(60);

    public EventConsumerSettings {
        requireName(STREAM_VARIABLE + " (the events stream)", stream);
        requireName("consumer group", group);
        requireName("consumer name", consumer);
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("events batch size must be 1 to 10000, got " + batchSize);
        }
        requireBetween("events block timeout", blockTimeout, Duration.ofMillis(1), MAX_BLOCK_TIMEOUT);
        requireBetween("events claim-idle time", claimIdle, Duration.ofMillis(2), Duration.ofDays(1));
        if (maxEntryBytes < 1024 || maxEntryBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("events max entry size must be 1 KiB to 16 MiB, got " + maxEntryBytes);
        }
        requireBetween(HEARTBEAT_VARIABLE + " (the events consumer heartbeat)", heartbeat, Duration.ofMillis(10),
                Duration.ofMinutes(1));
        requireBetween(LIVENESS_VARIABLE + " (the events consumer liveness timeout)", liveness, Duration.ofMillis(20),
                Duration.ofMinutes(10));
        if (liveness.compareTo(heartbeat.multipliedBy(2)) < 0) { // else one late beat would make a live consumer dead
            throw new IllegalArgumentException(LIVENESS_VARIABLE + " must be at least twice " + HEARTBEAT_VARIABLE + " ("
                    + heartbeat.toMillis() + " ms), got " + liveness.toMillis() + " ms");
        }
        requireBetween("events forget-idle time", forgetIdle, Duration.ofMillis(2), Duration.ofDays(7));
    }

    /** The contract's defaults: stream {@code {prefix}:events}, group {@code dashcache}. */
    public static EventConsumerSettings defaults(KeyFormat keys, String consumer) {
        return new EventConsumerSettings(keys.name("events"), DEFAULT_GROUP, consumer, DEFAULT_BATCH_SIZE,
                DEFAULT_BLOCK_TIMEOUT, DEFAULT_CLAIM_IDLE, DEFAULT_MAX_ENTRY_BYTES, DEFAULT_HEARTBEAT, DEFAULT_LIVENESS,
                DEFAULT_FORGET_IDLE);
    }

    /** Where entries that cannot be read are kept, with the reason: {@code {stream}:dead}. */
    public String deadStream() {
        return stream + ":dead";
    }

    /**
     * The consumers' heartbeats: {@code {stream}:alive}, a sorted set of consumer name to the Redis server time
     * (ms) of its last beat. One key per stream, so liveness is read in one command and no clock but Redis's counts.
     */
    public String aliveKey() {
        return stream + ":alive";
    }

    /** @param stream the configured stream name; {@code null} or blank keeps the current one */
    public EventConsumerSettings withStream(String stream) {
        if (stream == null || stream.isBlank()) {
            return this;
        }
        return new EventConsumerSettings(stream, group, consumer, batchSize, blockTimeout, claimIdle, maxEntryBytes,
                heartbeat, liveness, forgetIdle);
    }

    public EventConsumerSettings withConsumer(String consumer) {
        return new EventConsumerSettings(stream, group, consumer, batchSize, blockTimeout, claimIdle, maxEntryBytes,
                heartbeat, liveness, forgetIdle);
    }

    public EventConsumerSettings withBatchSize(int batchSize) {
        return new EventConsumerSettings(stream, group, consumer, batchSize, blockTimeout, claimIdle, maxEntryBytes,
                heartbeat, liveness, forgetIdle);
    }

    public EventConsumerSettings withBlockTimeout(Duration blockTimeout) {
        return new EventConsumerSettings(stream, group, consumer, batchSize, blockTimeout, claimIdle, maxEntryBytes,
                heartbeat, liveness, forgetIdle);
    }

    public EventConsumerSettings withClaimIdle(Duration claimIdle) {
        return new EventConsumerSettings(stream, group, consumer, batchSize, blockTimeout, claimIdle, maxEntryBytes,
                heartbeat, liveness, forgetIdle);
    }

    /** Heartbeat period and liveness timeout together: the timeout must stay at least two beats. */
    public EventConsumerSettings withLiveness(Duration heartbeat, Duration liveness) {
        return new EventConsumerSettings(stream, group, consumer, batchSize, blockTimeout, claimIdle, maxEntryBytes,
                heartbeat, liveness, forgetIdle);
    }

    public EventConsumerSettings withForgetIdle(Duration forgetIdle) {
        return new EventConsumerSettings(stream, group, consumer, batchSize, blockTimeout, claimIdle, maxEntryBytes,
                heartbeat, liveness, forgetIdle);
    }

    private static void requireName(String what, String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_NAME_LENGTH
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_NAME_LENGTH
                    + " printable ASCII characters without spaces, got '" + OneLine.of(value, 40) + "'");
        }
    }

    private static void requireBetween(String what, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, what);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " must be " + min.toMillis() + " ms to " + max.toMillis()
                    + " ms, got " + value.toMillis() + " ms");
        }
    }
}
