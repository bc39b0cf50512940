package io.dashcache.adapters.metrics;

import io.dashcache.application.port.messages.InvalidationLagStage;
import io.dashcache.application.port.messages.OutcomeCounts;
import io.dashcache.application.port.messages.WarmKind;
import io.dashcache.application.port.messages.WarmOutcome;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.metrics.LatencyHistogram;
import io.dashcache.application.port.out.metrics.MetricsSnapshot;
import io.dashcache.application.port.out.metrics.MetricsSnapshotReader;
import io.dashcache.application.port.out.metrics.TypeMetrics;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * The use cases' measurements as Micrometer meters, and read back as the cumulative snapshots the
 * report subtracts.
 *
 * <pre>
 * dashcache_cache_gets_total{type,outcome}                 outcome: L1_HIT L2_HIT MISS STALE ERROR
 * cache_gets_total{cache,result}                           result: hit miss (Micrometer's cache convention)
 * dashcache_cache_request_duration_seconds{type}           histogram: every read, end to end in the use case
 * dashcache_cache_load_duration_seconds{type}             histogram: engine loads, failed ones included
 * dashcache_cache_load_failures_total{type}                engine loads that failed
 * dashcache_cache_stale_writes_refused_total{type}         loads an invalidation overtook
 * dashcache_cache_invalidations_total{cause}               cause: an event type, operator, write
 * dashcache_cache_invalidated_scopes_total{cause}          scope versions bumped
 * dashcache_cache_tier_errors_total{operation}             failed shared-tier calls as the use cases saw them
 * dashcache_invalidation_lag_seconds{stage}                histogram: an engine event's lag, stage: occurred_to_bumped
 *                                                          stream_to_bumped occurred_to_heard stream_to_heard
 * </pre>
 *
 * {@code type} (and {@code cache}) is the cache's name: a data type's segment, or {@code app.<name>} for a
 * named cache. Every series of every data type exists from the start (at zero), so a dashboard or an alert
 * rule never has to tell "no data" from "none happened". The timers publish a percentile
 * histogram (Micrometer's buckets between the expected minimum and maximum) plus
 * {@link LatencyBuckets#SERVICE_LEVELS}; the snapshot reads their cumulative bucket counts, which
 * {@link PrometheusMeterRegistry} keeps for the life of the process.
 */
public final class MicrometerCacheMetrics implements CacheMetrics, MetricsSnapshotReader {

    static final String ERROR = "ERROR";
    private static final int OUTCOMES = CacheOutcome.values().length + 1;
    private static final int ERROR_INDEX = OUTCOMES - 1;
    /** A tag value comes from code, not callers; still, a bound keeps one bug from flooding the registry. */
    private static final int MAX_TAG_VALUES = 64;
    /** Named caches are the application's: a bound on how many get series of their own. */
    private static final int MAX_CACHES = 256;
    private static final Pattern TAG_VALUE = Pattern.compile("[a-z][a-z0-9._-]{0,39}");
    private static final String OTHER = "other";

    private final MeterRegistry registry;
    private final Map<String, CacheMeters> caches = new ConcurrentHashMap<>();
    private final Map<String, Counter[]> invalidations = new ConcurrentHashMap<>();
    private final Map<String, Counter> tierErrors = new ConcurrentHashMap<>();
    private final LongAdder tierErrorTotal = new LongAdder();
    private final Map<InvalidationLagStage, Timer> lags = new EnumMap<>(InvalidationLagStage.class);
    /** The lag's buckets: from a healthy few milliseconds to a backlog of minutes. */
    private static final Duration[] LAG_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300)};

    /** @param registry any Micrometer registry: the service's Prometheus one, or an application's own */
    public MicrometerCacheMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (DataType type : DataType.values()) {
            caches.put(type.segment(), new CacheMeters(type.segment()));
        }
        for (InvalidationLagStage stage : InvalidationLagStage.values()) {
            lags.put(stage, Timer.builder("dashcache.invalidation.lag")
                    .description("An engine event's lag, from when it occurred (the engine's clock) or entered the "
                            + "event stream (Redis' clock) to its scopes' versions bumped (on the instance that applied "
                            + "it) or to its broadcast heard (on every instance)")
                    .tag("stage", stage.label())
                    .serviceLevelObjectives(LAG_BUCKETS)
                    .register(registry));
        }
    }

    /**
     * One cache's meters: dashcache's own series (tag {@code type}: a data type's segment, or
     * {@code app.<name>} for a named cache) and the conventional {@code cache.gets{cache,result}} of
     * Micrometer's cache binders, which dashboards built for Caffeine or Redis caches already read.
     */
    private final class CacheMeters {

        final Counter[] gets = new Counter[OUTCOMES];
        final Timer requests;
        final Timer loads;
        final Counter loadFailures;
        final Counter staleWrites;

        double sum(CacheOutcome... outcomes) {
            double sum = 0;
            for (CacheOutcome outcome : outcomes) {
                sum += gets[outcome.ordinal()].count();
            }
            return sum;
        }

        CacheMeters(String cache) {
            for (CacheOutcome outcome : CacheOutcome.values()) {
                gets[outcome.ordinal()] = getsCounter(cache, outcome.name());
            }
            gets[ERROR_INDEX] = getsCounter(cache, ERROR);
            // derived from the counters above when scraped: nothing more to count on a read
            FunctionCounter.builder("cache.gets", this, meters -> meters.sum(CacheOutcome.L1_HIT, CacheOutcome.L2_HIT,
                            CacheOutcome.STALE)).description("Reads answered from a cache tier (L1, L2 or stale)")
                    .tags("cache", cache, "result", "hit").register(registry);
            FunctionCounter.builder("cache.gets", this, meters -> meters.sum(CacheOutcome.MISS)
                            + meters.gets[ERROR_INDEX].count()).description("Reads that had to load")
                    .tags("cache", cache, "result", "miss").register(registry);
            requests = latencyTimer("dashcache.cache.request.duration",
                    "Reads, end to end inside the use case, failed ones included", cache, LatencyBuckets.READ_MIN);
            loads = latencyTimer("dashcache.cache.load.duration",
                    "Loads from the source (the Core Detection Engine, or a named cache's loader) on a miss or a "
                            + "background refresh, failed ones included", cache, LatencyBuckets.LOAD_MIN);
            loadFailures = Counter.builder("dashcache.cache.load.failures")
                    .description("Loads from the source that failed (5xx, timeout, unreachable)")
                    .tag("type", cache)
                    .register(registry);
            staleWrites = Counter.builder("dashcache.cache.stale.writes.refused")
                    .description("Loaded values the compare-and-set refused because an invalidation overtook the load")
                    .tag("type", cache)
                    .register(registry);
        }
    }

    private CacheMeters meters(String cache) {
        CacheMeters meters = caches.get(cache);
        if (meters != null) {
            return meters;
        }
        return caches.computeIfAbsent(caches.size() < MAX_CACHES ? cache : OTHER, CacheMeters::new);
    }

    /** A per-cache timer with a percentile histogram from {@code minimum} up, plus the service-level buckets. */
    private Timer latencyTimer(String name, String description, String cache, Duration minimum) {
        return Timer.builder(name)
                .description(description)
                .tag("type", cache)
                .publishPercentileHistogram()
                .serviceLevelObjectives(LatencyBuckets.SERVICE_LEVELS)
                .minimumExpectedValue(minimum)
                .maximumExpectedValue(LatencyBuckets.MAX)
                .register(registry);
    }

    private Counter getsCounter(String cache, String outcome) {
        return Counter.builder("dashcache.cache.gets")
                .description("Reads by where they were answered from (X-Cache), or ERROR")
                .tags("type", cache, "outcome", outcome)
                .register(registry);
    }

    /**
     * An L1 hit (a hash lookup, well under the histogram's lowest bucket of 10 µs) is counted, not put
     * through the percentile-histogram timer, which costs an L1 hit more than the hit itself
     * (docs/benchmarks.md, section 7); the report's distribution counts L1 hits in its lowest bucket
     * ({@link #read()}), so grades and quantiles still cover every read. The Prometheus timer
     * {@code dashcache_cache_request_duration_seconds} is the reads beyond L1.
     */
    @Override
    public void recordL1Hit(String cache) {
        meters(cache).gets[CacheOutcome.L1_HIT.ordinal()].increment();
    }

    @Override
    public void recordRead(String cache, CacheOutcome outcome, long nanos) {
        if (outcome == CacheOutcome.L1_HIT) {
            recordL1Hit(cache);
            return;
        }
        CacheMeters meters = meters(cache);
        meters.gets[outcome.ordinal()].increment();
        meters.requests.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void recordReadError(String cache, long nanos) {
        CacheMeters meters = meters(cache);
        meters.gets[ERROR_INDEX].increment();
        meters.requests.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void recordLoad(String cache, long nanos, boolean success) {
        CacheMeters meters = meters(cache);
        meters.loads.record(nanos, TimeUnit.NANOSECONDS);
        if (!success) {
            meters.loadFailures.increment();
        }
    }

    @Override
    public void recordStaleWriteRefused(String cache) {
        meters(cache).staleWrites.increment();
    }

    @Override
    public void recordInvalidation(String cause, int scopes) {
        Counter[] counters = invalidations.computeIfAbsent(tagValue(cause, invalidations), value -> new Counter[] {
            Counter.builder("dashcache.cache.invalidations")
                    .description("Invalidations applied, by cause: an engine event type, operator or write")
                    .tag("cause", value).register(registry),
            Counter.builder("dashcache.cache.invalidated.scopes")
                    .description("Scope versions bumped by invalidations, by cause")
                    .tag("cause", value).register(registry)
        });
        counters[0].increment();
        counters[1].increment(Math.max(0, scopes));
    }

    @Override
    public void recordTierError(String operation) {
        tierErrors.computeIfAbsent(tagValue(operation, tierErrors), value -> Counter.builder("dashcache.cache.tier.errors")
                .description("Calls to the shared tier (Redis) that failed, by operation, as the use cases saw them")
                .tag("operation", value).register(registry)).increment();
        tierErrorTotal.increment();
    }

    @Override
    public void recordUncacheable(String cache) {
        Counter.builder("dashcache.cache.uncacheable")
                .description("Loaded values over DASHCACHE_MAX_VALUE_BYTES: served, cached in neither tier")
                .tag("type", meters(cache) == caches.get(OTHER) ? OTHER : cache).register(registry).increment();
    }

    @Override
    public void recordBadEngineAnswer(String cache) {
        Counter.builder("dashcache.engine.bad.answers")
                .description("Engine answers refused before caching: not well-formed JSON, not an object or array, too large")
                .tag("type", meters(cache) == caches.get(OTHER) ? OTHER : cache).register(registry).increment();
    }

    @Override
    public void recordLeaseWait(String cache, long nanos, boolean servedByWinner) {
        Timer.builder("dashcache.cache.lease.wait")
                .description("Waits for another instance's load of the same key (its lease), by how they ended")
                .tag("type", meters(cache) == caches.get(OTHER) ? OTHER : cache).tag("result", servedByWinner ? "served_by_winner" : "loaded_here")
                .register(registry).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    @Override
    public void recordWarm(WarmKind kind, WarmOutcome outcome) {
        Counter.builder("dashcache.warmer.tasks")
                .description("Warm tasks by kind and how they ended")
                .tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).increment();
    }

    @Override
    public void watchWarmQueue(IntSupplier length) {
        Gauge.builder("dashcache.warmer.queue.length", length, IntSupplier::getAsInt)
                .description("Warm tasks waiting in the warmer's queue")
                .register(registry);
    }

    @Override
    public void recordInvalidationLag(InvalidationLagStage stage, Duration lag) {
        lags.get(stage).record(lag.isNegative() ? Duration.ZERO : lag);
    }

    /** The counters as they are now, cumulative since start. */
    @Override
    public MetricsSnapshot read() {
        Map<DataType, TypeMetrics> types = new EnumMap<>(DataType.class);
        for (DataType type : DataType.values()) {
            CacheMeters m = caches.get(type.segment());
            OutcomeCounts reads = new OutcomeCounts(count(m.gets[CacheOutcome.L1_HIT.ordinal()]),
                    count(m.gets[CacheOutcome.L2_HIT.ordinal()]), count(m.gets[CacheOutcome.MISS.ordinal()]),
                    count(m.gets[CacheOutcome.STALE.ordinal()]), count(m.gets[ERROR_INDEX]));
            types.put(type, new TypeMetrics(reads, withL1Hits(histogram(m.requests), reads.l1Hits()),
                    histogram(m.loads), count(m.loadFailures), count(m.staleWrites)));
        }
        Map<InvalidationLagStage, LatencyHistogram> lagHistograms = new EnumMap<>(InvalidationLagStage.class);
        lags.forEach((stage, timer) -> lagHistograms.put(stage, histogram(timer)));
        return new MetricsSnapshot(types, tierErrorTotal.sum(), lagHistograms);
    }

    /**
     * The reads beyond L1, and the L1 hits in the lowest bucket: the distribution of every read (an L1 hit
     * adds nothing to the sum: it takes well under a microsecond, and is not timed).
     */
    static LatencyHistogram withL1Hits(LatencyHistogram beyondL1, long l1Hits) {
        long[] bounds = beyondL1.upperBoundsNanos();
        long[] counts = beyondL1.cumulativeCounts();
        for (int i = 0; i < counts.length; i++) {
            counts[i] += l1Hits;
        }
        return new LatencyHistogram(bounds, counts, beyondL1.count() + l1Hits, beyondL1.sumNanos());
    }

    private static long count(Counter counter) {
        return (long) counter.count();
    }

    /** The timer's cumulative buckets as the application's histogram (the +Inf bucket is the count). */
    static LatencyHistogram histogram(Timer timer) {
        HistogramSnapshot snapshot = timer.takeSnapshot();
        CountAtBucket[] buckets = snapshot.histogramCounts();
        long[] bounds = new long[buckets.length];
        long[] counts = new long[buckets.length];
        int n = 0;
        for (CountAtBucket bucket : buckets) {
            double bound = bucket.bucket(TimeUnit.NANOSECONDS);
            if (Double.isFinite(bound)) {
                bounds[n] = Math.round(bound);
                counts[n] = n == 0 ? (long) bucket.count() : Math.max(counts[n - 1], (long) bucket.count());
                n++;
            }
        }
        // the count and the buckets are read one after the other while others record: never let the
        // buckets claim more than the count
        long count = Math.max(snapshot.count(), n == 0 ? 0 : counts[n - 1]);
        return new LatencyHistogram(Arrays.copyOf(bounds, n), Arrays.copyOf(counts, n), count,
                Math.round(snapshot.total(TimeUnit.NANOSECONDS)));
    }

    /** The value as a tag, or {@code other} when it is malformed or one too many. */
    private static String tagValue(String value, Map<String, ?> seen) {
        if (value == null || !TAG_VALUE.matcher(value).matches()) {
            return OTHER;
        }
        return seen.containsKey(value) || seen.size() < MAX_TAG_VALUES ? value : OTHER;
    }
}
