package io.dashcache.application.port.in.reading;

import io.dashcache.domain.CacheKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Read many pieces of dashboard data at once (a whole dashboard): L1 answers what it can, L2 the
 * rest in one round trip per hash slot, and only the true misses go to the engine, in parallel.
 */
@FunctionalInterface
public interface GetDashboardParts {

    /** Each distinct key once, in the order given; a part that failed carries its failure, the others still answer. */
    Map<CacheKey, PartRead> readAll(List<CacheKey> keys);

    /** Each key through {@code single}, one after the other: a batch without the batch's savings. */
    static GetDashboardParts oneByOne(GetDashboardData single) {
        Objects.requireNonNull(single, "single");
        return keys -> {
            Map<CacheKey, PartRead> reads = new java.util.LinkedHashMap<>();
            for (CacheKey key : keys) {
                if (!reads.containsKey(key)) {
                    try {
                        reads.put(key, PartRead.of(single.read(key)));
                    } catch (RuntimeException e) {
                        reads.put(key, PartRead.failed(e));
                    }
                }
            }
            return reads;
        };
    }

    /** One part's answer: its read, or why there is none. */
    record PartRead(DashboardRead read, RuntimeException failure) {

        public PartRead {
            if ((read == null) == (failure == null)) {
                throw new IllegalArgumentException("a part has either a read or a failure");
            }
        }

        public static PartRead of(DashboardRead read) {
            return new PartRead(Objects.requireNonNull(read, "read"), null);
        }

        public static PartRead failed(RuntimeException failure) {
            return new PartRead(null, Objects.requireNonNull(failure, "failure"));
        }

        public boolean ok() {
            return read != null;
        }
    }
}
