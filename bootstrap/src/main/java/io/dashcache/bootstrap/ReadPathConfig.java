package io.dashcache.bootstrap;

import io.dashcache.application.engine.ReadPathSettings;
import io.dashcache.adapters.redis.EnvelopeCodec;
import java.time.Duration;

/**
 * How the read path guards the engine, parsed by {@link ConfigLoader}.
 *
 * @param maxValueBytes    {@code DASHCACHE_MAX_VALUE_BYTES}: a larger engine answer is served but not cached
 * @param leaseTtl         {@code DASHCACHE_LEASE_TTL_MS}: how long a load lease lives, and how long another
 *                         instance waits for its holder's value; default the engine timeout plus 500 ms
 * @param refreshAheadBeta {@code DASHCACHE_REFRESH_AHEAD_BETA}: how eagerly hot entries are refreshed before
 *                         they expire (XFetch's beta); 0 = never
 * @param compressAboveBytes {@code DASHCACHE_COMPRESS_ABOVE_BYTES}: L2 stores a larger payload deflated
 */
public record ReadPathConfig(long maxValueBytes, Duration leaseTtl, double refreshAheadBeta, int compressAboveBytes) {

    /** With L2 compressing payloads over {@link EnvelopeCodec#DEFAULT_COMPRESS_ABOVE} bytes. */
    public ReadPathConfig(long maxValueBytes, Duration leaseTtl, double refreshAheadBeta) {
        this(maxValueBytes, leaseTtl, refreshAheadBeta, EnvelopeCodec.DEFAULT_COMPRESS_ABOVE);
    }

    /** The read path's settings, with {@code maxWaitForLoad} for requests waiting in this instance. */
    public ReadPathSettings settings(Duration maxWaitForLoad) {
        return new ReadPathSettings(maxWaitForLoad, leaseTtl, leaseTtl, ReadPathSettings.DEFAULT_LEASE_POLL,
                maxValueBytes);
    }
}
