package io.dashcache.adapters.http.out;

import io.dashcache.support.json.JsonRules;
import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.messages.EngineReply;
import io.dashcache.application.port.out.invalidation.EngineCommands;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.metrics.DependencyCheck;
import io.dashcache.application.port.out.reading.DashboardSource;
import io.dashcache.application.port.out.reading.SourceAnswer;
import io.dashcache.application.port.out.reading.SourceUnavailableException.Reason;
import io.dashcache.application.port.out.reading.SourceUnavailableException;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.UserId;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Core Detection Engine over HTTP ({@code java.net.http}).
 *
 * <pre>{@code
 * EngineHttpClient engine = new EngineHttpClient(EngineClientSettings.of(URI.create("http://engine:9000")));
 * SourceAnswer answer = engine.fetch(CacheKey.widget(UserId.of("42"), WidgetType.of("heatmap")));
 * // GET http://engine:9000/v1/widget_data?userId=42&widget=heatmap
 * }</pre>
 *
 * <p>Reads: {@code 200} with a JSON object or array is the value, its bytes untouched; {@code 404} is
 * "no such data"; any other status is {@code FAILING}. A {@code 200} whose body is not one
 * well-formed JSON object or array within the limits of {@link JsonRules} (checked by a streaming
 * parse, not by its first byte), or is over the size limit, is {@code BAD_ANSWER}: thrown, so the
 * cache stores nothing and serves a stale value where it has one, and counted. No answer within
 * the request timeout is {@code TIMEOUT} (a connect timeout too); a refused connection or an
 * unknown host is {@code UNREACHABLE}.
 *
 * <p>Writes pass the engine's status and body back whatever they are; only not getting an answer
 * at all throws.
 *
 * <p>The health check reports the latest exchange: a {@code 5xx} or no answer makes the engine
 * {@code DEGRADED} until a later exchange succeeds (a {@code 404} or another {@code 4xx} is an
 * answer, so it counts as success).
 */
public final class EngineHttpClient implements DashboardSource, EngineCommands, DependencyCheck {

    static final String NAME = "engine";
    private static final Logger LOG = LoggerFactory.getLogger(EngineHttpClient.class);
    /** A broken engine answers every miss badly: one warning per interval, the rest at debug. */
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;
    private static final DependencyHealth NO_CALL_YET = DependencyHealth.up(NAME, "no call made yet");
    private static final DependencyHealth LATEST_SUCCEEDED = DependencyHealth.up(NAME, "the latest call succeeded");

    private final EngineClientSettings settings;
    private final HttpClient http;
    private final AtomicReference<DependencyHealth> latest = new AtomicReference<>(NO_CALL_YET);
    private final CacheMetrics metrics;
    private final JsonRules answers;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    public EngineHttpClient(EngineClientSettings settings) {
        this(settings, CacheMetrics.NONE);
    }

    /** @param metrics where refused answers are counted ({@link CacheMetrics#recordBadEngineAnswer}) */
    public EngineHttpClient(EngineClientSettings settings, CacheMetrics metrics) {
        this.settings = settings;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.answers = JsonRules.forDocumentsUpTo(settings.maxResponseBytes());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // engines speak plain HTTP/1.1; no h2c upgrade dance
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // the answer is completed on the client's selector thread, which hands it straight to the
                // waiting caller: the default executor (a cached pool) added a thread hop per call and
                // started and ended threads under load, most of this client's CPU (docs/benchmarks.md)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public SourceAnswer fetch(CacheKey key) {
        StringJoiner query = new StringJoiner("&");
        if (key.user() != null) {
            query.add(param("userId", key.user().value()));
        }
        if (key.period() != null) {
            query.add(param("period", key.period().code()));
        }
        if (key.widget() != null) {
            query.add(param("widget", key.widget().value()));
        }
        String path = key.type().segment();
        HttpResponse<byte[]> response;
        try {
            response = exchange(request(path, query.toString()).GET(), "GET /v1/" + path);
        } catch (SourceUnavailableException e) {
            if (e.reason() == Reason.BAD_ANSWER) {
                metrics.recordBadEngineAnswer(key.type().segment());
            }
            throw e;
        }
        int status = response.statusCode();
        if (status == 200) {
            Optional<String> problem = answers.objectOrArrayProblem(response.body());
            if (problem.isPresent()) {
                metrics.recordBadEngineAnswer(key.type().segment());
                String message = "the engine answered GET /v1/" + path + " with a body that cannot be cached: "
                        + problem.get();
                warn(message);
                throw failed(Reason.BAD_ANSWER, message);
            }
            succeeded();
            return SourceAnswer.found(response.body());
        }
        if (status == 404) {
            succeeded();
            return SourceAnswer.notFound();
        }
        throw failed(Reason.FAILING, "the engine answered GET /v1/" + path + " with status " + status);
    }

    @Override
    public EngineReply putPreferences(UserId user, byte[] json) {
        return command(request("user_preferences", userQuery(user))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(json)), "PUT /v1/user_preferences");
    }

    @Override
    public EngineReply submitAnalyses(UserId user, byte[] json, boolean batch) {
        String path = batch ? "analyses/batch" : "analyses";
        return command(request(path, userQuery(user))
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)), "POST /v1/" + path);
    }

    @Override
    public DependencyHealth check() {
        return latest.get();
    }

    private EngineReply command(HttpRequest.Builder request, String what) {
        HttpResponse<byte[]> response = exchange(request.header("Content-Type", "application/json"), what);
        if (response.statusCode() >= 500) {
            latest.set(DependencyHealth.degraded(NAME, "the engine answered " + what + " with status " + response.statusCode()));
        } else {
            succeeded();
        }
        return new EngineReply(response.statusCode(), response.body());
    }

    private HttpRequest.Builder request(String path, String query) {
        String uri = settings.endpoint(path) + (query.isEmpty() ? "" : "?" + query);
        return HttpRequest.newBuilder(URI.create(uri))
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json");
    }

    /**
     * One exchange under one deadline for the whole of it: the request timeout alone stops at the
     * response headers, and a body that trickles in must not hold a request thread for longer.
     */
    private HttpResponse<byte[]> exchange(HttpRequest.Builder request, String what) {
        CompletableFuture<HttpResponse<byte[]>> pending =
                http.sendAsync(request.build(), BoundedBodySubscriber.handler(settings.maxResponseBytes()));
        try {
            return pending.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw failed(Reason.TIMEOUT, "the engine did not answer " + what + " within "
                    + settings.requestTimeout().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException(Reason.UNREACHABLE, "interrupted while waiting for the engine (" + what + ")", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            Reason reason = EngineFailures.reasonFor(cause);
            throw failed(reason, EngineFailures.describe(reason, cause, what), cause);
        }
    }

    private static String userQuery(UserId user) {
        return param("userId", user.value());
    }

    private static String param(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void warn(String message) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warn("{} (nothing was cached; further bad answers within 10 s are logged at debug)", message);
        } else {
            LOG.debug(message);
        }
    }

    private void succeeded() {
        if (latest.get() != LATEST_SUCCEEDED) {
            latest.set(LATEST_SUCCEEDED);
        }
    }

    private SourceUnavailableException failed(Reason reason, String message) {
        latest.set(DependencyHealth.degraded(NAME, message));
        return new SourceUnavailableException(reason, message);
    }

    private SourceUnavailableException failed(Reason reason, String message, Throwable cause) {
        latest.set(DependencyHealth.degraded(NAME, message));
        return new SourceUnavailableException(reason, message, cause);
    }
}
