package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code DASHCACHE_AUTH=jwt} with a webhook secret: the signature, not a token, is what lets events in. */
class SignedWebhookUnderJwtTest extends RunningServer {

    @Override
    AuthSettings auth() {
        return AuthSettings.jwt(JwtAuthenticationTest.SECRET, null, Duration.ofSeconds(30))
                .withWebhookSecret(SignedWebhookTest.SECRET);
    }

    private static String signed() {
        return SignedWebhookTest.signature(SignedWebhookTest.SECRET, SignedWebhookTest.now(), SignedWebhookTest.EVENT);
    }

    @Test
    void a_signed_event_without_a_token_is_applied() {
        assertThat(post("/api/events", SignedWebhookTest.EVENT, WebhookSignature.HEADER, signed()).statusCode())
                .isEqualTo(200);
        assertThat(ports.applied).hasSize(1);
    }

    @Test
    void a_token_even_with_the_events_scope_is_not_enough_without_a_signature() {
        String events = "Bearer " + JwtAuthenticationTest.hs256(claims -> claims.claim("scp", List.of("events", "admin")));

        assertError(post("/api/events", SignedWebhookTest.EVENT, "Authorization", events), 401, "unauthorized");
        assertThat(ports.applied).isEmpty();
    }

    @Test
    void everything_else_under_api_still_needs_a_token_and_a_signature_does_not_stand_in_for_one() {
        assertError(post("/api/cache/invalidate", "{\"all\":true}", WebhookSignature.HEADER, signed()), 401, "unauthorized");
        assertError(get("/api/dashboard/overview", WebhookSignature.HEADER, signed()), 401, "unauthorized");
        assertThat(ports.invalidations).isEmpty();
    }
}
