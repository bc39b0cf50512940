package io.dashcache.adapters.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Objects;
import java.util.function.LongSupplier;

/** L1's own statistics in any registry: Caffeine's binder under the cache name {@code l1}, and its weight. */
public final class LocalTierMetrics {

    /** The name the L1 cache carries in Caffeine's binder's {@code cache} tag. */
    public static final String L1 = "l1";

    private LocalTierMetrics() {
    }

    /**
     * Binds hits, misses, puts, evictions, eviction weight and size (the cache must record stats), and
     * {@code dashcache.l1.weight}: the sum of the entries' weights in bytes.
     */
    public static void bind(MeterRegistry registry, Cache<?, ?> caffeine, LongSupplier weightInBytes) {
        CaffeineCacheMetrics.monitor(registry, caffeine, L1);
        Gauge.builder("dashcache.l1.weight", Objects.requireNonNull(weightInBytes, "weightInBytes"),
                        LongSupplier::getAsLong)
                .description("Sum of the weights of the entries in L1 (payload plus key estimate)")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
    }
}
