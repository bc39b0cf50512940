package io.dashcache.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.testsupport.RedisTestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may post engine events, end to end: under {@code jwt} a reader's token cannot flush another
 * user's cache; with {@code DASHCACHE_WEBHOOK_SECRET} only a signed body gets in; and
 * {@code DASHCACHE_METRICS_TOKEN} closes {@code /metrics}.
 */
class EventAuthorityTest {

    private static final String JWT_SECRET = "an-hs256-secret-for-the-event-authority-test-0123";
    private static final String WEBHOOK_SECRET = "a-webhook-secret-for-the-event-authority-test-0123";
    private static final String METRICS_TOKEN = "a-scrape-token-0123456789";

    private final String prefix = RedisTestServer.uniquePrefix();
    private EngineStub engine;
    private RunningInstance instance;

    @BeforeEach
    void startEngine() {
        engine = new EngineStub();
    }

    @AfterEach
    void stop() {
        if (instance != null) {
            instance.close();
        }
        engine.close();
        RedisTestServer.deleteKeys(prefix);
    }

    private void start(Map<String, String> more) {
        Map<String, String> variables = new HashMap<>(Map.of(
                "DASHCACHE_REDIS_URL", RedisTestServer.url(),
                "DASHCACHE_ENGINE_URL", engine.url(),
                "DASHCACHE_KEY_PREFIX", prefix,
                "DASHCACHE_WARM_ON_FIRST_READ", "false"));
        variables.putAll(more);
        instance = RunningInstance.start(variables);
    }

    private static String event(String id, String user) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"detection.created\",\"userId\":\"" + user + "\","
                + "\"occurredAt\":\"2026-11-25T10:00:00Z\"}";
    }

    private static String bearer(String subject, String scope) {
        return Hs256Tokens.bearer(JWT_SECRET, subject, scope);
    }

    /** What a sender computes, written here from the README's recipe rather than taken from the server's code. */
    private static String signature(long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void under_jwt_a_readers_token_cannot_post_events_and_an_events_token_can() {
        start(Map.of("DASHCACHE_AUTH", "jwt", "DASHCACHE_JWT_SECRET", JWT_SECRET));
        String alice = bearer("alice", null);
        instance.get("/api/dashboard/overview", "Authorization", alice);
        assertThat(RunningInstance.xCache(instance.get("/api/dashboard/overview", "Authorization", alice)))
                .isEqualTo("L1_HIT");

        HttpResponse<byte[]> refused = instance.post("/api/events", event("e-1", "alice"), "Authorization",
                bearer("mallory", "read"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(RunningInstance.json(refused).path("error").asText()).isEqualTo("forbidden");
        assertThat(RunningInstance.xCache(instance.get("/api/dashboard/overview", "Authorization", alice)))
                .as("alice's cache was not flushed").isEqualTo("L1_HIT");

        HttpResponse<byte[]> accepted = instance.post("/api/events", event("e-2", "alice"), "Authorization",
                bearer("engine", "events"));

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(RunningInstance.xCache(instance.get("/api/dashboard/overview", "Authorization", alice)))
                .isEqualTo("MISS");
    }

    @Test
    void with_a_webhook_secret_only_a_signed_event_is_applied_in_none_mode() {
        start(Map.of("DASHCACHE_WEBHOOK_SECRET", WEBHOOK_SECRET));
        instance.get("/api/dashboard/overview", "X-User-Id", "alice");
        String body = event("e-1", "alice");
        long now = Instant.now().getEpochSecond();

        HttpResponse<byte[]> unsigned = instance.post("/api/events", body);
        HttpResponse<byte[]> stale = instance.post("/api/events", body, "X-Dashcache-Signature", signature(now - 600, body));

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(RunningInstance.json(unsigned).path("detail").asText()).contains("X-Dashcache-Signature");
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(RunningInstance.xCache(instance.get("/api/dashboard/overview", "X-User-Id", "alice")))
                .isEqualTo("L1_HIT");

        HttpResponse<byte[]> signed = instance.post("/api/events", body, "X-Dashcache-Signature", signature(now, body));

        assertThat(signed.statusCode()).as(RunningInstance.text(signed)).isEqualTo(200);
        assertThat(RunningInstance.xCache(instance.get("/api/dashboard/overview", "X-User-Id", "alice")))
                .isEqualTo("MISS");
    }

    @Test
    void a_metrics_token_closes_metrics_to_scrapers_without_it() {
        start(Map.of("DASHCACHE_METRICS_TOKEN", METRICS_TOKEN));

        HttpResponse<byte[]> refused = instance.get("/metrics");
        HttpResponse<byte[]> scraped = instance.get("/metrics", "Authorization", "Bearer " + METRICS_TOKEN);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(RunningInstance.json(refused).path("error").asText()).isEqualTo("unauthorized");
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(RunningInstance.text(scraped)).contains("dashcache_cache_gets_total");
    }
}
