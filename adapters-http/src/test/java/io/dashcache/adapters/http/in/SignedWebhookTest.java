package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code DASHCACHE_AUTH=none} with {@code DASHCACHE_WEBHOOK_SECRET}: events need a valid signature, nothing else changes. */
class SignedWebhookTest extends RunningServer {

    static final byte[] SECRET = "webhook-secret-0123456789abcdef-0123456789".getBytes(StandardCharsets.UTF_8);
    static final String EVENT = "{\"eventId\":\"e-1\",\"type\":\"preferences.updated\",\"userId\":\"42\","
            + "\"occurredAt\":\"2026-11-25T10:00:00Z\"}";

    @Override
    AuthSettings auth() {
        return AuthSettings.none().withWebhookSecret(SECRET);
    }

    static String signature(byte[] secret, long unixSeconds, String body) {
        return WebhookSignature.header(secret, unixSeconds, body.getBytes(StandardCharsets.UTF_8));
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    private HttpResponse<byte[]> postSigned(String body, String signature) {
        return post("/api/events", body, WebhookSignature.HEADER, signature);
    }

    @Test
    void a_signed_event_is_applied() {
        HttpResponse<byte[]> response = postSigned(EVENT, signature(SECRET, now(), EVENT));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ports.applied).extracting(event -> event.eventId()).containsExactly("e-1");
    }

    @Test
    void the_signature_can_be_computed_outside_java_as_the_readme_says() {
        // HMAC-SHA256("webhook-secret-0123456789abcdef-0123456789", "1700000000.{}"), by openssl dgst -sha256 -hmac
        assertThat(signature(SECRET, 1_700_000_000L, "{}"))
                .isEqualTo("t=1700000000,v1=fc622e27a5cfc43fa19439a93bdc12817f2d0025567f2b9941d140c6980d9bcc");
    }

    @Test
    void an_event_without_a_signature_is_401_in_none_mode_too_and_nothing_is_applied() {
        String detail = assertError(post("/api/events", EVENT), 401, "unauthorized");

        assertThat(detail).contains(WebhookSignature.HEADER);
        assertThat(ports.applied).isEmpty();
    }

    @Test
    void a_signature_made_with_another_secret_or_over_another_body_is_401() {
        byte[] other = "another-secret-0123456789abcdef-0123456789".getBytes(StandardCharsets.UTF_8);

        assertError(postSigned(EVENT, signature(other, now(), EVENT)), 401, "unauthorized");
        assertError(postSigned(EVENT.replace("42", "43"), signature(SECRET, now(), EVENT)), 401, "unauthorized");
        assertError(postSigned(EVENT, signature(SECRET, now(), EVENT).replace("t=", "t=1")), 401, "unauthorized");
        assertThat(ports.applied).isEmpty();
    }

    @Test
    void a_signature_older_or_newer_than_the_tolerance_is_401_so_a_captured_request_cannot_be_replayed_later() {
        long tolerance = WebhookSignature.TOLERANCE.toSeconds();

        String detail = assertError(postSigned(EVENT, signature(SECRET, now() - tolerance - 5, EVENT)), 401, "unauthorized");
        assertError(postSigned(EVENT, signature(SECRET, now() + tolerance + 5, EVENT)), 401, "unauthorized");

        assertThat(detail).contains("timestamp");
        assertThat(ports.applied).isEmpty();
        assertThat(postSigned(EVENT, signature(SECRET, now() - tolerance + 30, EVENT)).statusCode()).isEqualTo(200);
    }

    @Test
    void malformed_signature_headers_are_401() {
        String good = signature(SECRET, now(), EVENT);
        for (String bad : new String[] {"", "v1=" + good.substring(good.indexOf("v1=") + 3), good.substring(0, good.indexOf(',')),
                "t=abc," + good.substring(good.indexOf("v1=")), good.replaceAll("v1=.{4}", "v1=zzzz"), good + "0",
                "t=-5," + good.substring(good.indexOf("v1="))}) {
            assertError(postSigned(EVENT, bad), 401, "unauthorized");
        }
        assertThat(ports.applied).isEmpty();
    }

    @Test
    void two_signature_headers_are_401_even_if_one_is_valid() {
        HttpRequest.Builder request = request("/api/events").POST(HttpRequest.BodyPublishers.ofString(EVENT))
                .header(WebhookSignature.HEADER, signature(SECRET, now(), EVENT))
                .header(WebhookSignature.HEADER, "t=1,v1=" + "0".repeat(64));

        assertError(send(request), 401, "unauthorized");
    }

    @Test
    void during_a_secret_rotation_one_matching_v1_among_several_is_enough() {
        byte[] old = "the-old-secret-0123456789abcdef-0123456789".getBytes(StandardCharsets.UTF_8);
        long t = now();
        String byOld = signature(old, t, EVENT);
        String byNew = signature(SECRET, t, EVENT);

        String both = byOld + "," + byNew.substring(byNew.indexOf("v1="));

        assertThat(postSigned(EVENT, both).statusCode()).isEqualTo(200);
    }

    @Test
    void reads_need_no_signature() {
        assertThat(get("/api/dashboard/system-status").statusCode()).isNotEqualTo(401);
    }
}
