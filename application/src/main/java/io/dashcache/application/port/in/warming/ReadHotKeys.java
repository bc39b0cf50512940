package io.dashcache.application.port.in.warming;

import io.dashcache.domain.CacheKey;
import io.dashcache.domain.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * The keys this instance reads most often lately, as the warmer counts them (a count-min sketch
 * that halves its counts now and then, so what was hot an hour ago fades).
 */
public interface ReadHotKeys {

    /** The largest {@code limit}: as many keys as the warmer keeps track of. */
    int MAX_LIMIT = WarmRequest.MAX_HOTTEST;

    /**
     * One hot key.
     *
     * @param key            the key
     * @param estimatedReads its reads since the sketch last aged, estimated: never below the true count
     *                       since then, rarely far above it
     */
    record HotKey(CacheKey key, int estimatedReads) {
        public HotKey {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * At most {@code limit} keys, the most read first.
     *
     * @throws InvalidInputException when {@code limit} is not from 1 to {@link #MAX_LIMIT}
     */
    List<HotKey> hotKeys(int limit);

    /** Checks a requested {@code limit}; the use case and the adapters say the same thing. */
    static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
        return limit;
    }
}
