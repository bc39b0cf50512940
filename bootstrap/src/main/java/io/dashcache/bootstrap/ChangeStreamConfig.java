package io.dashcache.bootstrap;

import io.dashcache.adapters.http.in.ChangeStreamSettings;
import io.dashcache.application.changefeed.ChangeFeedSettings;
import java.time.Duration;

/**
 * The live change stream ({@code GET /api/dashboard/changes}) and its bounds, parsed by {@link ConfigLoader}.
 *
 * @param maxStreams        {@code DASHCACHE_SSE_MAX_STREAMS}: the most open streams on this instance
 * @param maxStreamsPerUser {@code DASHCACHE_SSE_MAX_PER_USER}: the most open streams of one user on this instance
 * @param heartbeat         {@code DASHCACHE_SSE_HEARTBEAT_MS}: how often an idle stream gets a {@code : ping}
 * @param queueSize         {@code DASHCACHE_SSE_QUEUE_SIZE}: changes one client may have waiting; one more and it is dropped
 * @param writeTimeout      {@code DASHCACHE_SSE_WRITE_TIMEOUT_MS}: how long a write to a client may block before it is dropped
 * @param replaySize        {@code DASHCACHE_SSE_REPLAY_SIZE}: recent changes kept for clients reconnecting with Last-Event-ID
 * @param replayRetention   {@code DASHCACHE_SSE_REPLAY_SECONDS}: how long they are kept
 * @param freshWait         {@code DASHCACHE_SSE_FRESH_WAIT_MS}: with refresh on invalidation, the longest a change
 *                          waits for its fresh value to be in L1 before it is told ({@code 0}: told at once)
 */
public record ChangeStreamConfig(int maxStreams, int maxStreamsPerUser, Duration heartbeat, int queueSize,
                                 Duration writeTimeout, int replaySize, Duration replayRetention, Duration freshWait) {

    public ChangeFeedSettings feedSettings() {
        return new ChangeFeedSettings(maxStreams, maxStreamsPerUser, replaySize, replayRetention);
    }

    public ChangeStreamSettings streamSettings() {
        return ChangeStreamSettings.defaults().withHeartbeat(heartbeat).withQueueCapacity(queueSize)
                .withWriteTimeout(writeTimeout);
    }
}
