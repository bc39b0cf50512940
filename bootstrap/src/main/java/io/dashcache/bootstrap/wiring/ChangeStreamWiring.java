package io.dashcache.bootstrap.wiring;

import io.dashcache.adapters.http.in.DashboardChangeStream;
import io.dashcache.adapters.http.in.DemoDashboardPage;
import io.dashcache.adapters.http.in.RouteRegistrar;
import io.dashcache.adapters.metrics.PrometheusMetrics;
import io.dashcache.application.changefeed.ChangeFeed;
import io.dashcache.bootstrap.DashcacheConfig;
import io.micrometer.core.instrument.FunctionCounter;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Live dashboards: the change feed (told of every invalidation by the {@code CacheInvalidator}),
 * {@code GET /api/dashboard/changes} on top of it, its metrics, and the demo page at {@code /demo}.
 */
@Configuration(proxyBeanMethods = false)
public class ChangeStreamWiring {

    @Bean
    ChangeFeed changeFeed(DashcacheConfig config, Clock clock, PrometheusMetrics metrics) {
        ChangeFeed feed = new ChangeFeed(config.changeStream().feedSettings(), clock);
        metrics.registerGauge("dashcache.sse.streams", "Change streams (GET /api/dashboard/changes) open on this instance",
                feed::openStreams);
        metrics.registerCounter("dashcache.sse.dropped",
                "Change streams dropped because their client could not keep up", feed::droppedStreams);
        String notices = "Changes of one part told to this instance's change streams, by whether the part's fresh value "
                + "was in L1 then (hit: a re-read here is an L1 hit; miss: refresh on invalidation off, "
                + "DASHCACHE_SSE_FRESH_WAIT_MS passed, or not read here lately)";
        FunctionCounter.builder("dashcache.change.notices", feed, ChangeFeed::toldFresh).tag("reread", "hit")
                .description(notices).register(metrics.registry());
        FunctionCounter.builder("dashcache.change.notices", feed, ChangeFeed::toldNotFresh).tag("reread", "miss")
                .description(notices).register(metrics.registry());
        return feed;
    }

    /** A route of the REST API; closed with the instance, which ends every open stream. */
    @Bean(destroyMethod = "close")
    DashboardChangeStream dashboardChangeStream(ChangeFeed feed, DashcacheConfig config) {
        return new DashboardChangeStream(feed, RuntimeWiring.authSettings(config.auth()),
                config.changeStream().streamSettings());
    }

    @Bean
    RouteRegistrar demoDashboardPage() {
        return new DemoDashboardPage();
    }
}
