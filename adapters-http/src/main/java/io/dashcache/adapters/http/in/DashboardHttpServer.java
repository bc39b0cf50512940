package io.dashcache.adapters.http.in;

import io.dashcache.application.port.in.invalidation.ApplyEngineEvent;
import io.dashcache.application.port.in.invalidation.InvalidateCache;
import io.dashcache.application.port.in.invalidation.SubmitAnalyses;
import io.dashcache.application.port.in.invalidation.UpdatePreferences;
import io.dashcache.application.port.in.metrics.ReadCacheHealth;
import io.dashcache.application.port.in.reading.GetDashboardData;
import io.dashcache.application.port.in.reading.GetDashboardParts;
import io.javalin.Javalin;
import io.javalin.router.ParsedEndpoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API of the contract on Javalin (Jetty), with the core routes (the nine reads, the batch read,
 * {@code /health}, the event webhook, the operator's invalidation, the engine writes, the API's
 * OpenAPI description at {@code /api/openapi.json}) and any
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
        // before anything else: a connection opened beyond the cap gets one clear answer, then is closed
        all.add(routes -> routes.before(ctx -> {
            if (GuardedConnectionFactory.isOverCap(ctx.req())) {
                ctx.header("Connection", "close").header("Retry-After", "1");
                throw new HttpProblem(503, ErrorBody.TOO_MANY_CONNECTIONS, "this instance has "
                        + settings.maxConnections() + " connections open, its limit; retry shortly or on another instance");
            }
        }));
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
        all.add(new OpenApiRoute());
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
            // our own connector: a request deadline, a connection cap, and 400 for Jetty's 505 on an unreadable request line
            config.jetty.addConnector((server, httpConfig) -> {
                ServerConnector connector = new ServerConnector(server, new GuardedConnectionFactory(httpConfig,
                        settings.requestDeadline(), settings.maxConnections()));
                connector.setPort(settings.port());
                connector.setIdleTimeout(settings.idleTimeout().toMillis());
                // past the cap connections are still taken, to be told why; past this ceiling Jetty stops
                // accepting, so no flood can take every file descriptor
                server.addBean(new ConnectionLimit(settings.maxConnections() + refusalHeadroom(settings), connector));
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

    /**
     * The routes the running server has, as {@code "GET /api/dashboard/widgets/{widgetType}"}, sorted:
     * what Javalin's router holds (HTTP methods only, not the before and after filters), so a
     * description of the API can be checked against what really answers.
     *
     * @throws IllegalStateException when not started
     */
    public synchronized List<String> routes() {
        if (app == null) {
            throw new IllegalStateException("the HTTP server is not started");
        }
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(ParsedEndpoint::getEndpoint)
                .filter(endpoint -> endpoint.getMethod().isHttpMethod())
                .map(endpoint -> endpoint.getMethod().name() + " " + endpoint.getPath())
                .distinct()
                .sorted()
                .toList();
    }

    /** Connections beyond the cap that are answered {@code 503} before Jetty stops accepting altogether. */
    static int refusalHeadroom(HttpSettings settings) {
        return Math.max(16, settings.maxConnections() / 10);
    }

    /** Stops listening; a no-op when not started. */
    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }
}
