package io.dashcache.bootstrap.wiring;

import io.dashcache.adapters.http.out.EngineClientSettings;
import io.dashcache.adapters.http.out.EngineHttpClient;
import io.dashcache.application.port.out.invalidation.EngineCommands;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.metrics.DependencyCheck;
import io.dashcache.application.port.out.reading.DashboardSource;
import io.dashcache.application.reading.EngineBulkhead;
import io.dashcache.bootstrap.DashcacheConfig;
import io.dashcache.bootstrap.demo.DemoEngine;
import java.time.Clock;
import java.util.Optional;

/**
 * The engine this instance talks to: the real one over HTTP, or the embedded demo engine. Loads
 * go through a bulkhead, so a slow engine can hold at most {@code DASHCACHE_ENGINE_MAX_CONCURRENCY}
 * request threads.
 */
public record EngineSide(DashboardSource source, EngineCommands commands, DependencyCheck health,
                         Optional<DemoEngine> demo) {

    static EngineSide from(DashcacheConfig config, Clock clock, CacheMetrics metrics) {
        if (config.engineUrl().isPresent()) {
            EngineHttpClient client = new EngineHttpClient(new EngineClientSettings(config.engineUrl().get(),
                    EngineClientSettings.DEFAULT_CONNECT_TIMEOUT.compareTo(config.engineTimeout()) < 0
                            ? EngineClientSettings.DEFAULT_CONNECT_TIMEOUT : config.engineTimeout(),
                    config.engineTimeout(), EngineClientSettings.DEFAULT_MAX_RESPONSE_BYTES), metrics);
            return new EngineSide(bounded(client, config), client, client, Optional.empty());
        }
        DemoEngine demo = new DemoEngine(clock);
        return new EngineSide(bounded(demo, config), demo, demo, Optional.of(demo));
    }

    /** The engine behind its bulkhead. */
    private static DashboardSource bounded(DashboardSource engine, DashcacheConfig config) {
        EngineBulkhead bulkhead = new EngineBulkhead(config.resilience().engineMaxConcurrency(),
                config.resilience().engineQueueWait());
        return key -> bulkhead.fetch(key, engine);
    }
}
