package io.dashcache.benchmarks;

import io.dashcache.adapters.redis.EnvelopeCodec;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.UserId;
import java.time.Duration;
import java.time.Instant;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Inputs of the pure in-process steps: a caller's user id as the header brings it, an entry, its envelope. */
@State(Scope.Benchmark)
public class Samples {

    final KeyFormat keys = KeyFormat.standalone("dash");
    /** Not a constant, so the JIT cannot fold the validation away. */
    String userHeader = "user-4242";
    final CacheEntry entry = CacheEntry.loaded(HotData.payload(CacheKey.forUser(DataType.OVERVIEW, UserId.of("user-4242"))),
            Instant.parse("2026-11-25T10:00:00Z"), Duration.ofMinutes(5), Duration.ofSeconds(75), 3,
            Duration.ofMillis(12));
    final byte[] envelope = EnvelopeCodec.encode(entry);
}
