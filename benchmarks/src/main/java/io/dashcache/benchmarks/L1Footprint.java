package io.dashcache.benchmarks;

import io.dashcache.adapters.redis.CaffeineLocalTier;
import io.dashcache.adapters.redis.EnvelopeCodec;
import io.dashcache.domain.CacheEntry;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What an L1 entry costs on the heap: a {@link CaffeineLocalTier} as an instance wires it is filled
 * with {@code count} of a scale run's keys, each entry decoded from its L2 envelope as an L2 hit
 * would put it; the heap in use after a full collection, before and after, divided by the count.
 * Beside it, what the tier's weigher charges per entry against {@code DASHCACHE_L1_MAX_BYTES}.
 *
 * <pre>{@code
 * L1Footprint.Result l1 = L1Footprint.measure(new ScaleKeys(format), 100_000);
 * }</pre>
 *
 * Good to some percent: it counts everything the heap gained meanwhile, and nothing else runs.
 */
final class L1Footprint {

    private L1Footprint() {
    }

    static Result measure(ScaleKeys keys, int count) throws InterruptedException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CaffeineLocalTier l1 = new CaffeineLocalTier(1L << 40, Duration.ofMinutes(10), io.dashcache.application.port.out.time.TimeSource.system());
        long before = settledHeap();
        long payloadBytes = 0;
        for (int i = 0; i < count; i++) {
            CacheEntry entry = EnvelopeCodec.decode(EnvelopeCodec.encode(keys.entry(i, now)));
            payloadBytes += entry.payload().length;
            l1.put(keys.key(i), entry);
        }
        l1.cleanUp();
        long after = settledHeap();
        Result result = new Result(l1.size(), (double) payloadBytes / count, (double) (after - before) / l1.size(),
                (double) l1.weightInBytes() / l1.size(), collector());
        l1.clear();
        l1.cleanUp();
        return result;
    }

    private static long settledHeap() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The collector's name: ZGC keeps no compressed pointers, so the same objects take more heap than with G1. */
    private static String collector() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .findFirst().orElse("unknown collector");
    }

    /**
     * @param heapBytesPerEntry    measured
     * @param weighedBytesPerEntry what the tier counts toward its bound
     * @param collector            the first garbage collector's name, which decides the pointer size
     */
    record Result(long entries, double payloadBytesPerEntry, double heapBytesPerEntry, double weighedBytesPerEntry,
                  String collector) {
    }
}
