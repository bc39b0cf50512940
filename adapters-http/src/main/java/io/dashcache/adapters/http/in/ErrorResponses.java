package io.dashcache.adapters.http.in;

import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.port.out.reading.SourceUnavailableException;
import io.dashcache.domain.InvalidInputException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.JavalinDefaultRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every exception of every route becomes the contract's JSON error. Handlers throw; this is
 * the one place that decides status codes, so no route writes an error by hand.
 */
final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private final Json json;

    ErrorResponses(Json json) {
        this.json = json;
    }

    void register(JavalinDefaultRouting routes) {
        routes.exception(HttpProblem.class, (e, ctx) -> {
            if (e.status() == 401) {
                ctx.header("WWW-Authenticate", JwtCallerIdentity.CHALLENGE);
            }
            write(ctx, e.status(), e.error(), e.detail());
        });
        routes.exception(InvalidInputException.class,
                (e, ctx) -> write(ctx, 400, ErrorBody.INVALID_REQUEST, e.getMessage()));
        routes.exception(SourceUnavailableException.class, this::engineUnavailable);
        routes.exception(CacheTierUnavailableException.class, (e, ctx) -> {
            LOG.debug("cache tier unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            write(ctx, 503, ErrorBody.CACHE_UNAVAILABLE, "the shared cache is unavailable; retry later");
        });
        routes.exception(HttpResponseException.class, this::javalinAnswer);
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, ErrorBody.INTERNAL_ERROR, "an unexpected error occurred; it has been logged");
        });
    }

    void write(Context ctx, int status, String error, String detail) {
        ctx.status(status).contentType(Json.CONTENT_TYPE).result(json.write(new ErrorBody(error, detail)));
    }

    private void engineUnavailable(SourceUnavailableException e, Context ctx) {
        // the engine being down is an operational state, not this request's fault: the use case
        // counts it; a log line per request would flood during an outage
        LOG.debug("engine unavailable ({}) on {} {}: {}", e.reason(), ctx.method(), ctx.path(), e.getMessage());
        ErrorBody body = engineError(e.reason());
        write(ctx, engineStatus(e.reason()), body.error(), body.detail());
    }

    /** 502: the engine answered, badly (5xx, or a body not fit to cache); 503/504 say it did not answer. */
    static int engineStatus(SourceUnavailableException.Reason reason) {
        return switch (reason) {
            case FAILING, BAD_ANSWER -> 502;
            case TIMEOUT -> 504;
            case UNREACHABLE -> 503;
        };
    }

    static ErrorBody engineError(SourceUnavailableException.Reason reason) {
        return switch (reason) {
            case FAILING -> new ErrorBody(ErrorBody.ENGINE_FAILING,
                    "the Core Detection Engine failed to answer and nothing cached can stand in");
            case BAD_ANSWER -> new ErrorBody(ErrorBody.ENGINE_BAD_ANSWER,
                    "the Core Detection Engine answered with a body that is not one well-formed JSON object or array "
                            + "within the limits; it was not cached and nothing cached can stand in (see the log)");
            case TIMEOUT -> new ErrorBody(ErrorBody.ENGINE_TIMEOUT,
                    "the Core Detection Engine did not answer in time and nothing cached can stand in");
            case UNREACHABLE -> new ErrorBody(ErrorBody.ENGINE_UNAVAILABLE,
                    "the Core Detection Engine cannot be reached and nothing cached can stand in");
        };
    }

    /** Javalin's own refusals: no route (404), wrong method (405), a body over the limit (413). */
    private void javalinAnswer(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        switch (status) {
            case 404 -> write(ctx, 404, ErrorBody.NOT_FOUND, "no such resource: " + ctx.method() + " " + shortened(ctx.path()));
            case 405 -> {
                String allowed = e.getDetails().get("availableMethods");
                if (allowed != null) {
                    ctx.header("Allow", allowed);
                }
                write(ctx, 405, ErrorBody.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + shortened(ctx.path()));
            }
            case 413 -> write(ctx, 413, ErrorBody.BODY_TOO_LARGE, "the request body is too large");
            default -> write(ctx, status, status < 500 ? ErrorBody.INVALID_REQUEST : ErrorBody.INTERNAL_ERROR,
                    PublicText.of(String.valueOf(e.getMessage())));
        }
    }

    /** A path is the caller's text: quote a bounded piece of it. */
    private static String shortened(String path) {
        return path.length() <= 100 ? path : path.substring(0, 100) + "...";
    }
}
