package io.dashcache.bootstrap.wiring;

import io.dashcache.adapters.http.in.DashboardHttpServer;
import io.dashcache.adapters.http.in.HttpSettings;
import io.dashcache.adapters.http.in.RouteRegistrar;
import io.dashcache.adapters.metrics.PrometheusMetrics;
import io.dashcache.application.service.CacheHealthService;
import io.dashcache.application.service.CacheInvalidator;
import io.dashcache.application.service.EngineEventApplier;
import io.dashcache.application.service.EngineWriteThrough;
import io.dashcache.application.service.TieredDashboardReader;
import io.dashcache.bootstrap.DashcacheConfig;
import io.dashcache.bootstrap.demo.DemoEventFeed;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What runs: the REST API (with every {@link RouteRegistrar} bean as further routes) and the background threads. */
@Configuration(proxyBeanMethods = false)
public class RuntimeWiring {

    @Bean(initMethod = "start", destroyMethod = "close")
    BackgroundWork backgroundWork(DashcacheConfig config, SharedSide shared, CacheInvalidator invalidator,
                                  EngineEventApplier events, EngineSide engine, Clock clock, PrometheusMetrics metrics) {
        BackgroundWork work = new BackgroundWork(config, shared, invalidator, events,
                engine.demo().map(demo -> new DemoEventFeed(demo, events, clock)));
        EventConsumerMetrics.register(metrics, work::consumer);
        return work;
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    HttpEndpoint httpEndpoint(DashcacheConfig config, TieredDashboardReader reader, CacheHealthService health,
                              EngineEventApplier events, CacheInvalidator invalidator, EngineWriteThrough writes,
                              BackgroundWork backgroundWork, ObjectProvider<RouteRegistrar> moreRoutes) {
        DashboardHttpServer server = new DashboardHttpServer(HttpSettings.onPort(config.httpPort()), reader, health,
                events, invalidator, writes, writes, moreRoutes.orderedStream().toList());
        return new HttpEndpoint(server);
    }
}
