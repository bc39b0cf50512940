package io.dashcache.application.changefeed;

import java.time.Duration;
import java.util.Objects;

/**
 * The change feed's bounds.
 *
 * @param maxStreams        the most watchers on this instance
 * @param maxStreamsPerUser the most watchers of one user on this instance (tabs, devices)
 * @param replayCapacity    how many recent changes are remembered for reconnecting clients
 * @param replayRetention   how long a change is remembered for them
 */
public record ChangeFeedSettings(int maxStreams, int maxStreamsPerUser, int replayCapacity, Duration replayRetention) {

    public static final int DEFAULT_MAX_STREAMS = 1_000;
    public static final int DEFAULT_MAX_STREAMS_PER_USER = 5;
    public static final int DEFAULT_REPLAY_CAPACITY = 1_000;
    public static final Duration DEFAULT_REPLAY_RETENTION = Duration.ofMinutes(10);

    public ChangeFeedSettings {
        if (maxStreams < 1) {
            throw new IllegalArgumentException("the most change streams must be positive, got " + maxStreams);
        }
        if (maxStreamsPerUser < 1 || maxStreamsPerUser > maxStreams) {
            throw new IllegalArgumentException("the most change streams per user must be from 1 to " + maxStreams
                    + ", got " + maxStreamsPerUser);
        }
        if (replayCapacity < 0) {
            throw new IllegalArgumentException("the replay capacity must not be negative, got " + replayCapacity);
        }
        Objects.requireNonNull(replayRetention, "replayRetention");
        if (replayRetention.isNegative()) {
            throw new IllegalArgumentException("the replay retention must not be negative, got " + replayRetention);
        }
    }

    /** 1,000 streams, 5 per user, the last 1,000 changes of the last 10 minutes remembered. */
    public static ChangeFeedSettings defaults() {
        return new ChangeFeedSettings(DEFAULT_MAX_STREAMS, DEFAULT_MAX_STREAMS_PER_USER, DEFAULT_REPLAY_CAPACITY,
                DEFAULT_REPLAY_RETENTION);
    }
}
