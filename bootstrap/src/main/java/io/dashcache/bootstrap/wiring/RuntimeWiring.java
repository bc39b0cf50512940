package io.dashcache.bootstrap.wiring;

import io.dashcache.adapters.http.in.AuthSettings;
import io.dashcache.adapters.http.in.CacheWarmRoutes;
import io.dashcache.adapters.http.in.DashboardHttpServer;
import io.dashcache.adapters.http.in.HotKeysRoute;
import io.dashcache.adapters.http.in.HttpSettings;
import io.dashcache.adapters.http.in.RouteRegistrar;
import io.dashcache.adapters.metrics.PrometheusMetrics;
import io.dashcache.application.engine.CacheInvalidator;
import io.dashcache.application.invalidation.EngineEventApplier;
import io.dashcache.application.invalidation.EngineWriteThrough;
import io.dashcache.application.metrics.CacheHealthService;
import io.dashcache.application.reading.TieredDashboardReader;
import io.dashcache.application.reading.WarmingDashboardReader;
import io.dashcache.application.warming.CacheWarmer;
import io.dashcache.bootstrap.AuthConfig;
import io.dashcache.bootstrap.ConfigException;
import io.dashcache.bootstrap.DashcacheConfig;
import io.dashcache.bootstrap.demo.DemoEventFeed;
import io.dashcache.embedded.DashcacheCore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What runs: the REST API (with every {@link RouteRegistrar} bean as further routes), the background threads and the cache warmer. */
@Configuration(proxyBeanMethods = false)
public class RuntimeWiring {

    @Bean(initMethod = "start", destroyMethod = "close")
    BackgroundWork backgroundWork(DashcacheConfig config, DashcacheCore core, EngineEventApplier events,
                                  EngineSide engine, Clock clock, PrometheusMetrics metrics) {
        BackgroundWork work = new BackgroundWork(config, core, events,
                engine.demo().map(demo -> new DemoEventFeed(demo, events, clock)));
        EventConsumerMetrics.register(metrics, work::consumer);
        return work;
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    WarmingWork warmingWork(CacheWarmer warmer, DashcacheConfig config) {
        return new WarmingWork(warmer, config.warming());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    HttpEndpoint httpEndpoint(DashcacheConfig config, WarmingDashboardReader reader, CacheHealthService health,
                              EngineEventApplier events, CacheInvalidator invalidator, EngineWriteThrough writes,
                              CacheWarmer warmer, TieredDashboardReader batch, BackgroundWork backgroundWork,
                              WarmingWork warmingWork,
                              ObjectProvider<RouteRegistrar> moreRoutes) {
        HttpSettings settings = config.httpServer().settings(config.httpPort());
        List<RouteRegistrar> routes = new ArrayList<>(moreRoutes.orderedStream().toList());
        routes.add(new CacheWarmRoutes(warmer, settings));
        routes.add(new HotKeysRoute(warmer, settings));
        DashboardHttpServer server = new DashboardHttpServer(settings, authSettings(config.auth()), reader, batch,
                health, events, invalidator, writes, writes, routes);
        return new HttpEndpoint(server);
    }

    static AuthSettings authSettings(AuthConfig auth) {
        AuthSettings settings;
        try {
            settings = !auth.jwt() ? AuthSettings.none()
                    : AuthSettings.jwt(auth.jwtSecret().map(AuthSettings::secretBytes).orElse(null),
                            auth.jwksUrl().orElse(null), auth.clockSkew());
        } catch (IllegalArgumentException e) {
            // the adapter's message names the rule and never the secret
            throw new ConfigException("DASHCACHE_AUTH=jwt cannot be used: " + e.getMessage());
        }
        // both were checked by ConfigLoader; the adapter checks its own rules again
        try {
            settings = auth.webhookSecret().map(AuthSettings::secretBytes).map(settings::withWebhookSecret).orElse(settings);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("DASHCACHE_WEBHOOK_SECRET cannot be used: " + e.getMessage());
        }
        try {
            return auth.metricsToken().map(AuthSettings::secretBytes).map(settings::withMetricsToken).orElse(settings);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("DASHCACHE_METRICS_TOKEN cannot be used: " + e.getMessage());
        }
    }
}
