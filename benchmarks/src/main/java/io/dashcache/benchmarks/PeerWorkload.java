package io.dashcache.benchmarks;

import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.UserId;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Issue 14's workload, the same for every cache compared: {@value #KEYS} keys of {@value #VALUE_BYTES}
 * random bytes each, read in a Zipf order (s = {@value #ZIPF_S}: the top 1 % of keys take about 53 % of
 * the reads), every read a hit. The named-cache peers read key {@code i} as {@code names[i]}; dashcache's
 * dashboard reads it as user {@code i}'s overview ({@code dashboardKeys[i]}), with the same value.
 */
final class PeerWorkload {

    static final int KEYS = 10_000;
    static final int VALUE_BYTES = 1024;
    static final double ZIPF_S = 1.0;
    /** Every tier's time to live, local and remote, so nothing expires during a fork (a fork lasts under a minute). */
    static final Duration TTL = Duration.ofMinutes(10);
    /** Ranks drawn ahead per thread (a power of two: the cursor wraps with a mask); 4 MiB a thread. */
    static final int DRAWS = 1 << 20;

    final String[] names = new String[KEYS];
    final CacheKey[] dashboardKeys = new CacheKey[KEYS];
    final byte[][] values = new byte[KEYS][];
    private final Map<CacheKey, byte[]> byDashboardKey = new HashMap<>();

    PeerWorkload() {
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < KEYS; i++) {
            names[i] = "key-" + i;
            dashboardKeys[i] = CacheKey.forUser(DataType.OVERVIEW, UserId.of("u" + i));
            values[i] = new byte[VALUE_BYTES];
            random.nextBytes(values[i]);
            byDashboardKey.put(dashboardKeys[i], values[i]);
        }
    }

    /** The values by name, in key order, for the peers' fills. */
    Map<String, byte[]> byName() {
        Map<String, byte[]> all = new LinkedHashMap<>();
        for (int i = 0; i < KEYS; i++) {
            all.put(names[i], values[i]);
        }
        return all;
    }

    /** The dashboard loader's answer (the "engine"): in memory, so a miss costs only the cache around it. */
    byte[] dashboardValue(CacheKey key) {
        return byDashboardKey.get(key);
    }

    /**
     * {@value #DRAWS} key indexes in Zipf order from {@code seed}; rank 1 is key 0. Thread {@code t} of every
     * benchmark draws with the same seed, so every cache sees the same reads.
     */
    static int[] draws(long seed) {
        Zipf zipf = new Zipf(KEYS, ZIPF_S);
        SplittableRandom random = new SplittableRandom(seed);
        int[] draws = new int[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            draws[i] = zipf.next(random) - 1;
        }
        return draws;
    }
}
