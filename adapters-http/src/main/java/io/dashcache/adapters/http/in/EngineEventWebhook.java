package io.dashcache.adapters.http.in;

import io.dashcache.application.port.in.invalidation.ApplyEngineEvent;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.EngineEventFields;
import io.dashcache.domain.InvalidInputException;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/events}: the engine's events as a webhook, read by the same
 * {@link EngineEventFields} as the stream so both paths mean the same.
 *
 * <p>The body is one event object or an array of at most {@value #MAX_EVENTS}. Every event is
 * validated before any is applied, so a bad one rejects the whole request and nothing half happens.
 * The answer has one shape for both: {@code {"results":[{"eventId":"e-1","outcome":"APPLIED"}]}}.
 * When the shared tier cannot record an event it is kept ({@code QUEUED}, and the answer is {@code 202})
 * and applied as soon as Redis answers, before L2 is read again for what it changed; only when that
 * queue is full is the answer {@code 503}: events before it may be applied, and resending the whole
 * request is safe because events are idempotent by id.
 *
 * <p>Who may post: with a webhook secret, whoever signs the body ({@link WebhookSignature}), in
 * every mode; else under {@code jwt} a token with the admin or events scope, and under {@code none}
 * whoever the gateway lets through.
 */
final class EngineEventWebhook implements RouteRegistrar {

    static final int MAX_EVENTS = 1000;

    private final ApplyEngineEvent events;
    private final RequestBodies bodies;
    private final Json json;
    private final CallerIdentity callers;
    private final Optional<WebhookSignature> signature;

    EngineEventWebhook(ApplyEngineEvent events, RequestBodies bodies, Json json, CallerIdentity callers,
                       Optional<WebhookSignature> signature) {
        this.events = events;
        this.bodies = bodies;
        this.json = json;
        this.callers = callers;
        this.signature = signature;
    }

    record Results(List<Result> results) {
    }

    record Result(String eventId, ApplyEngineEvent.Outcome outcome) {
    }

    @Override
    public void register(JavalinDefaultRouting routes) {
        routes.post("/api/events", this::receive);
    }

    private void receive(Context ctx) {
        if (signature.isEmpty()) {
            callers.admitEventSender(ctx);
        }
        byte[] body = bodies.read(ctx);
        // the signature covers the bytes as sent, so it is checked before they are parsed
        signature.ifPresent(check -> check.verify(ctx, body));
        List<EngineEvent> parsed = parse(json.readPlain(body));
        List<Result> results = new ArrayList<>(parsed.size());
        boolean queued = false;
        for (EngineEvent event : parsed) {
            ApplyEngineEvent.Outcome outcome = events.accept(event);
            queued |= outcome == ApplyEngineEvent.Outcome.QUEUED;
            results.add(new Result(event.eventId(), outcome));
        }
        // 202: accepted, not yet recorded in Redis (it is applied before L2 is read again for its scopes)
        ctx.status(queued ? 202 : 200).contentType(Json.CONTENT_TYPE).result(json.write(new Results(results)));
    }

    private static List<EngineEvent> parse(Object body) {
        if (body instanceof Map<?, ?> single) {
            return List.of(EngineEventFields.toEvent(fields(single)));
        }
        if (!(body instanceof List<?> list)) {
            throw HttpProblem.invalid("the body must be an event object or an array of them");
        }
        if (list.size() > MAX_EVENTS) {
            throw HttpProblem.invalid("at most " + MAX_EVENTS + " events per request, got " + list.size());
        }
        List<EngineEvent> parsed = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> item)) {
                throw HttpProblem.invalid("events[" + i + "] must be a JSON object");
            }
            try {
                parsed.add(EngineEventFields.toEvent(fields(item)));
            } catch (InvalidInputException e) {
                throw HttpProblem.invalid("events[" + i + "]: " + e.getMessage());
            }
        }
        return parsed;
    }

    /** Jackson reads object keys as strings, so the cast only restates what the parser guarantees. */
    @SuppressWarnings("unchecked")
    private static Map<String, ?> fields(Map<?, ?> object) {
        return (Map<String, ?>) object;
    }
}
