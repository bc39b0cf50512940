package io.dashcache.adapters.http.in;

import io.dashcache.application.port.in.ApplyEngineEvent;
import io.dashcache.application.port.in.GetDashboardData;
import io.dashcache.application.port.in.GetDashboardParts;
import io.dashcache.application.port.in.InvalidateCache;
import io.dashcache.application.port.in.ReadCacheHealth;
import io.dashcache.application.port.in.SubmitAnalyses;
import io.dashcache.application.port.in.UpdatePreferences;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API of the contract on Javalin (Jetty), with the core routes (the nine reads, the batch read,
 * {@code /health}, the event webhook, the operator's invalidation, the engine writes) and any
 * further {@link RouteRegistrar}s the caller adds.
 *
 * <pre>{@code
 * DashboardHttpServer server = new DashboardHttpServer(HttpSettings.onPort(0),
 *         getDashboardData, readCacheHealth, applyEngineEvent, invalidateCache, updatePreferences,
 *         submitAnalyses, List.of(metricsRoutes));
 * int port = server.start();
 * ...
 * server.stop();
 * }</pre>
 */
public final class DashboardHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardHttpServer.class);

    private final HttpSettings settings;
    private final Json json;
    private final List<RouteRegistrar> registrars;
    private Javalin app;

    /**
     * @param auth who the caller is: {@link AuthSettings#none()} ({@code X-User-Id}) or a JWT mode
     */
    public DashboardHttpServer(HttpSettings settings, AuthSettings auth, GetDashboardData data, ReadCacheHealth health,
                               ApplyEngineEvent events, InvalidateCache invalidate, UpdatePreferences preferences,
                               SubmitAnalyses analyses, List<RouteRegistrar> moreRoutes) {
        this(settings, auth, data, GetDashboardParts.oneByOne(data), health, events, invalidate, preferences,
                analyses, moreRoutes);
    }

    /**
     * @param auth  who the caller is: {@link AuthSettings#none()} ({@code X-User-Id}) or a JWT mode
     * @param parts the batch read behind {@code GET /api/dashboard?parts=...}
     */
    public DashboardHttpServer(HttpSettings settings, AuthSettings auth, GetDashboardData data,
                               GetDashboardParts parts, ReadCacheHealth health, ApplyEngineEvent events,
                               InvalidateCache invalidate, UpdatePreferences preferences, SubmitAnalyses analyses,
                               List<RouteRegistrar> moreRoutes) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.json = new Json(settings.maxRequestBytes());
        ErrorResponses errors = new ErrorResponses(json);
        RequestBodies bodies = new RequestBodies(settings.maxRequestBytes(), json);
        CallerIdentity callers = CallerIdentity.from(Objects.requireNonNull(auth, "auth"));
        Optional<WebhookSignature> signature = Optional.ofNullable(auth.webhookSecret())
                .map(secret -> new WebhookSignature(secret, Clock.systemUTC()));
        MetricsScrapeGuard scrapers = new MetricsScrapeGuard(auth, callers);
        List<RouteRegistrar> all = new ArrayList<>();
        all.add(errors::register);
        // before any /api/ handler: authentication, and the admin scope for operator actions
        all.add(routes -> routes.before("/api/*", callers::admit));
        if (scrapers.enabled()) {
            all.add(routes -> routes.before("/metrics", scrapers::admit));
        }
        all.add(new DashboardReadRoutes(Objects.requireNonNull(data, "data"), callers, errors));
        all.add(new DashboardBatchRoute(Objects.requireNonNull(parts, "parts"), callers));
        all.add(new HealthRoute(Objects.requireNonNull(health, "health"), json));
        all.add(new EngineEventWebhook(Objects.requireNonNull(events, "events"), bodies, json, callers, signature));
        all.add(new CacheInvalidationRoute(Objects.requireNonNull(invalidate, "invalidate"), bodies, json));
        all.add(new EngineCommandRoutes(Objects.requireNonNull(preferences, "preferences"),
                Objects.requireNonNull(analyses, "analyses"), bodies, callers));
        all.addAll(moreRoutes);
        this.registrars = List.copyOf(all);
    }

    /** With {@code DASHCACHE_AUTH=none}: the caller's user is the {@code X-User-Id} header. */
    public DashboardHttpServer(HttpSettings settings, GetDashboardData data, ReadCacheHealth health,
                               ApplyEngineEvent events, InvalidateCache invalidate, UpdatePreferences preferences,
                               SubmitAnalyses analyses, List<RouteRegistrar> moreRoutes) {
        this(settings, AuthSettings.none(), data, health, events, invalidate, preferences, analyses, moreRoutes);
    }

    public DashboardHttpServer(HttpSettings settings, GetDashboardData data, ReadCacheHealth health,
                               ApplyEngineEvent events, InvalidateCache invalidate, UpdatePreferences preferences,
                               SubmitAnalyses analyses) {
        this(settings, data, health, events, invalidate, preferences, analyses, List.of());
    }

    /**
     * Starts listening.
     *
     * @return the bound port (the one picked when the settings say {@code 0})
     * @throws IllegalStateException when already started
     */
    public synchronized int start() {
        if (app != null) {
            throw new IllegalStateException("the HTTP server is already started");
        }
        Javalin created = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = settings.maxRequestBytes();
            config.http.prefer405over404 = true;
            // the engine's bytes go out as they are, under a strong ETag; a front proxy may compress
            config.http.disableCompression();
            QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), HttpSettings.MIN_THREADS / 2);
            threads.setName("dashcache-http");
            config.jetty.threadPool = threads;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyJsonErrorHandler(json)));
            // our own connector: the only way to answer Jetty's 505 for an unreadable request line with 400
            config.jetty.addConnector((server, httpConfig) -> {
                ServerConnector connector = new ServerConnector(server, new CallerFaultConnectionFactory(httpConfig));
                connector.setPort(settings.port());
                return connector;
            });
            config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JettyJsonErrorHandler(json)));
            config.router.mount(routes -> registrars.forEach(registrar -> registrar.register(routes)));
        });
        created.start();
        app = created;
        LOG.info("dashcache HTTP API listening on port {}", created.port());
        return created.port();
    }

    /** Stops listening; a no-op when not started. */
    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }
}
