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
 * @param claimIdle     pending entries idle longer than this (their consumer died) are taken over
 * @param maxEntryBytes an {@code event} field longer than this (UTF-8 bytes) is dead-lettered unparsed
 */
public record EventConsumerSettings(String stream, String group, String consumer, int batchSize,
                                    Duration blockTimeout, Duration claimIdle, int maxEntryBytes) {

    public static final String STREAM_VARIABLE = "DASHCACHE_EVENTS_STREAM";
    public static final String DEFAULT_GROUP = "dashcache";
    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CLAIM_IDLE = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_ENTRY_BYTES = 64 * 1024;

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
    }

    /** The contract's defaults: stream {@code {prefix}:events}, group {@code dashcache}. */
    public static EventConsumerSettings defaults(KeyFormat keys, String consumer) {
        return new EventConsumerSettings(keys.name("events"), DEFAULT_GROUP, consumer, DEFAULT_BATCH_SIZE,
                DEFAULT_BLOCK_TIMEOUT, DEFAULT_CLAIM_IDLE, DEFAULT_MAX_ENTRY_BYTES);
    }

    /** Where entries that cannot be read are kept, with the reason: {@code {stream}:dead}. */
    public String deadStream() {
        return stream + ":dead";
    }

    /** @param stream the configured stream name; {@code null} or blank keeps the current one */
    public EventConsumerSettings withStream(String stream) {
        if (stream == null || stream.isBlank()) {
            return this;
        }
        return new EventConsumerSettings(stream, group, consumer, batchSize, blockTimeout, claimIdle, maxEntryBytes);
    }

    public EventConsumerSettings withConsumer(String consumer) {
        return new EventConsumerSettings(stream, group, consumer, batchSize, blockTimeout, claimIdle, maxEntryBytes);
    }

    public EventConsumerSettings withBatchSize(int batchSize) {
        return new EventConsumerSettings(stream, group, consumer, batchSize, blockTimeout, claimIdle, maxEntryBytes);
    }

    public EventConsumerSettings withBlockTimeout(Duration blockTimeout) {
        return new EventConsumerSettings(stream, group, consumer, batchSize, blockTimeout, claimIdle, maxEntryBytes);
    }

    public EventConsumerSettings withClaimIdle(Duration claimIdle) {
        return new EventConsumerSettings(stream, group, consumer, batchSize, blockTimeout, claimIdle, maxEntryBytes);
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
