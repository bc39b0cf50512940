package io.dashcache.benchmarks;

import io.dashcache.application.port.out.reading.DashboardSource;
import io.dashcache.application.port.out.reading.SourceAnswer;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.UserId;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-process benchmarks' engine and their hot key set: {@value #HOT_USERS} users' overviews, each
 * a JSON object shaped like the demo engine's overview (about 240 bytes). The engine lives in memory,
 * so a miss costs what the cache does around it, not a network call.
 */
final class HotData implements DashboardSource {

    /** A power of two, so a cursor wraps with a mask. */
    static final int HOT_USERS = 1024;

    private final LongAdder loads = new LongAdder();

    static UserId user(int index) {
        return UserId.of("user-" + index);
    }

    static CacheKey[] hotKeys() {
        CacheKey[] keys = new CacheKey[HOT_USERS];
        for (int i = 0; i < HOT_USERS; i++) {
            keys[i] = CacheKey.forUser(DataType.OVERVIEW, user(i));
        }
        return keys;
    }

    static byte[] payload(CacheKey key) {
        String user = key.user() == null ? "-" : key.user().value();
        int seed = key.hashCode() & 0x7fff;
        return ("{\"userId\":\"" + user + "\",\"totalDetections\":" + (100 + seed) + ",\"activeCameras\":"
                + (2 + seed % 10) + ",\"unreadNotifications\":" + seed % 5 + ",\"pendingAnalyses\":0,"
                + "\"lastDetectionAt\":\"2026-11-25T09:59:58.120Z\",\"source\":\"bench-engine\","
                + "\"generatedAt\":\"2026-11-25T10:00:00.000Z\",\"type\":\"" + key.type().segment() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public SourceAnswer fetch(CacheKey key) {
        loads.increment();
        return SourceAnswer.found(payload(key));
    }

    long loads() {
        return loads.sum();
    }
}
