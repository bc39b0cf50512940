package io.dashcache.adapters.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The process's one meter registry and its Prometheus text exposition ({@code GET /metrics}).
 *
 * <pre>{@code
 * PrometheusMetrics metrics = new PrometheusMetrics();
 * CacheMetrics cacheMetrics = new MicrometerCacheMetrics(metrics.registry());
 * LocalTierMetrics.bind(metrics.registry(), caffeineLocalTier.nativeCache(), caffeineLocalTier::weightInBytes);
 * metrics.registerGauge("dashcache.warmer.queue.size", "warming tasks waiting", warmer::queued);
 * String body = metrics.scrape();   // served as CONTENT_TYPE
 * }</pre>
 *
 * Micrometer's dotted names become Prometheus names ({@code dashcache.cache.gets} with a counter
 * is {@code dashcache_cache_gets_total}); the Caffeine binder's {@code cache.*} meters are renamed
 * {@code dashcache.l1.*}; besides the JVM's, only the conventional {@code cache_gets_total{cache,result}}
 * of each cache does not start with {@code dashcache_}.
 */
public final class PrometheusMetrics {

    /** The Prometheus text format that {@link #scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern NAME = Pattern.compile("dashcache(\\.[a-z][a-z0-9_]*)+");
    private static final String CAFFEINE_PREFIX = "cache.";

    private final PrometheusMeterRegistry registry;
    // function meters hold their source weakly: keep the suppliers handed in alive here
    private final List<Object> sources = new CopyOnWriteArrayList<>();

    public PrometheusMetrics() {
        this(Clock.SYSTEM);
    }

    /** @param clock Micrometer's clock (a mock one in tests) */
    public PrometheusMetrics(Clock clock) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(),
                Objects.requireNonNull(clock, "clock"));
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                // only the L1 binder's: a cache's own cache.gets{cache,result} keep Micrometer's convention
                return id.getName().startsWith(CAFFEINE_PREFIX) && LocalTierMetrics.L1.equals(id.getTag("cache"))
                        ? id.withName("dashcache.l1." + id.getName().substring(CAFFEINE_PREFIX.length()))
                        : id;
            }
        });
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text format 0.0.4 ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * A gauge read at every scrape, e.g. a queue's length.
     *
     * @param name dotted, starting with {@code dashcache.} (e.g. {@code dashcache.warmer.queue.size})
     */
    public void registerGauge(String name, String description, Supplier<? extends Number> value) {
        Supplier<? extends Number> source = Objects.requireNonNull(value, "value");
        sources.add(source);
        Gauge.builder(checked(name), source, PrometheusMetrics::doubleOf).description(description).register(registry);
    }

    /**
     * A counter whose cumulative value another component keeps (e.g. events applied so far);
     * exposed with {@code _total}.
     *
     * @param name dotted, starting with {@code dashcache.}, without {@code total}
     */
    public void registerCounter(String name, String description, Supplier<? extends Number> cumulative) {
        Supplier<? extends Number> source = Objects.requireNonNull(cumulative, "cumulative");
        sources.add(source);
        FunctionCounter.builder(checked(name), source, PrometheusMetrics::doubleOf).description(description)
                .register(registry);
    }

    private static double doubleOf(Supplier<? extends Number> source) {
        Number value = source.get();
        return value == null ? Double.NaN : value.doubleValue();
    }

    private static String checked(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a metric name is dotted lower case and starts with 'dashcache.', got '"
                    + name + "'");
        }
        return name;
    }
}
