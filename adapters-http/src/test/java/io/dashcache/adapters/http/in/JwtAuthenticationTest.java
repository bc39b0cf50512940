package io.dashcache.adapters.http.in;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.domain.UserId;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code DASHCACHE_AUTH=jwt} with both an HS256 secret and a JWKS URL (served by WireMock). */
class JwtAuthenticationTest extends RunningServer {

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test-secret-long-enough-for-hs512".getBytes(StandardCharsets.UTF_8);
    static final CacheEntry ENTRY = CacheEntry.loaded("{\"v\":1}".getBytes(StandardCharsets.UTF_8),
            Instant.parse("2026-11-25T10:00:00Z"), Duration.ofMinutes(5), Duration.ofMinutes(1), 0);

    private static final RSAKey PUBLISHED = rsaKey("published");
    private static final RSAKey UNKNOWN = rsaKey("unknown");
    private static WireMockServer jwksServer;

    @Override
    AuthSettings auth() {
        jwksServer = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        jwksServer.start();
        jwksServer.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/jwks.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(new JWKSet(PUBLISHED.toPublicJWK()).toString())));
        return AuthSettings.jwt(SECRET, URI.create(jwksServer.baseUrl() + "/jwks.json"), Duration.ofSeconds(30));
    }

    @AfterAll
    void stopJwks() {
        jwksServer.stop();
    }

    @BeforeEach
    void answerEveryRead() {
        ports.readAnswer = key -> new DashboardRead(ENTRY, CacheOutcome.L2_HIT);
    }

    private static RSAKey rsaKey(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String token(JWSAlgorithm algorithm, JWSSigner signer, String keyId, Consumer<JWTClaimsSet.Builder> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject("alice")
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
        claims.accept(builder);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), builder.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    static String hs256(Consumer<JWTClaimsSet.Builder> claims) {
        try {
            return token(JWSAlgorithm.HS256, new MACSigner(SECRET), null, claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hs256For(String user) {
        return hs256(claims -> claims.subject(user));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    void a_valid_token_reads_the_data_of_its_subject() {
        HttpResponse<byte[]> response = get("/api/dashboard/overview", "Authorization", bearer(hs256For("alice")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ports.reads).containsExactly(CacheKey.forUser(DataType.OVERVIEW, UserId.of("alice")));
    }

    @Test
    void the_x_user_id_header_and_a_user_id_parameter_never_choose_another_users_data() {
        String bob = bearer(hs256For("bob"));

        get("/api/dashboard/overview?userId=alice", "Authorization", bob, "X-User-Id", "alice");
        get("/api/dashboard/notifications?userId=alice&user=alice", "Authorization", bob, "X-User-Id", "alice",
                "X-User-Id", "carol");
        get("/api/dashboard/widgets/heatmap?userId=alice", "Authorization", bob, "X-User-Id", "alice");

        assertThat(ports.reads).extracting(CacheKey::user).containsOnly(UserId.of("bob"));
    }

    @Test
    void a_request_without_a_token_is_401_with_a_bearer_challenge() {
        HttpResponse<byte[]> response = get("/api/dashboard/overview", "X-User-Id", "alice");

        assertError(response, 401, "unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(ports.reads).isEmpty();
    }

    @Test
    void even_a_global_read_needs_a_token() {
        assertError(get("/api/dashboard/system-status"), 401, "unauthorized");
    }

    @Test
    void an_expired_token_is_401() {
        String expired = hs256(claims -> claims.expirationTime(Date.from(Instant.now().minusSeconds(120))));

        assertError(get("/api/dashboard/overview", "Authorization", bearer(expired)), 401, "unauthorized");
    }

    @Test
    void a_token_expired_within_the_clock_skew_still_passes() {
        String justExpired = hs256(claims -> claims.expirationTime(Date.from(Instant.now().minusSeconds(5))));

        assertThat(get("/api/dashboard/overview", "Authorization", bearer(justExpired)).statusCode()).isEqualTo(200);
    }

    @Test
    void a_token_not_valid_yet_is_401() {
        String early = hs256(claims -> claims.notBeforeTime(Date.from(Instant.now().plusSeconds(600))));

        assertError(get("/api/dashboard/overview", "Authorization", bearer(early)), 401, "unauthorized");
    }

    @Test
    void a_token_without_an_expiry_is_401() {
        String forever = hs256(claims -> claims.expirationTime(null));

        assertError(get("/api/dashboard/overview", "Authorization", bearer(forever)), 401, "unauthorized");
    }

    @Test
    void a_token_signed_with_another_secret_is_401() throws JOSEException {
        String forged = token(JWSAlgorithm.HS256,
                new MACSigner("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8)), null, c -> { });

        assertError(get("/api/dashboard/overview", "Authorization", bearer(forged)), 401, "unauthorized");
    }

    @Test
    void a_token_with_a_tampered_payload_is_401() {
        String[] parts = hs256For("bob").split("\\.");
        String aliceClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"alice\",\"exp\":" + (Instant.now().getEpochSecond() + 300) + "}").getBytes(StandardCharsets.UTF_8));

        assertError(get("/api/dashboard/overview", "Authorization", bearer(parts[0] + "." + aliceClaims + "." + parts[2])),
                401, "unauthorized");
        assertThat(ports.reads).isEmpty();
    }

    @Test
    void an_unsigned_alg_none_token_is_401() {
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().subject("alice")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build()).serialize();

        assertError(get("/api/dashboard/overview", "Authorization", bearer(unsigned)), 401, "unauthorized");
        assertError(get("/api/dashboard/overview", "Authorization", bearer(unsigned + "c2lnbmF0dXJl")), 401,
                "unauthorized");
    }

    @Test
    void an_hs384_token_made_with_the_same_secret_is_401_only_hs256_is_accepted() throws JOSEException {
        String otherAlgorithm = token(JWSAlgorithm.HS384, new MACSigner(SECRET), null, c -> { });

        assertError(get("/api/dashboard/overview", "Authorization", bearer(otherAlgorithm)), 401, "unauthorized");
    }

    @Test
    void a_token_signed_by_a_key_of_the_jwks_passes_and_one_by_an_unknown_key_is_401() throws JOSEException {
        String published = token(JWSAlgorithm.RS256, new RSASSASigner(PUBLISHED), PUBLISHED.getKeyID(), c -> { });
        String unknown = token(JWSAlgorithm.RS256, new RSASSASigner(UNKNOWN), UNKNOWN.getKeyID(), c -> { });

        assertThat(get("/api/dashboard/overview", "Authorization", bearer(published)).statusCode()).isEqualTo(200);
        assertError(get("/api/dashboard/overview", "Authorization", bearer(unknown)), 401, "unauthorized");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice bob", "../alice", "alice\u0000", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void a_token_whose_subject_is_not_a_valid_user_id_is_401(String subject) {
        String token = hs256(claims -> claims.subject(subject));

        assertError(get("/api/dashboard/overview", "Authorization", bearer(token)), 401, "unauthorized");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic YWxpY2U6c2VjcmV0", "Bearer", "Bearer ", "Bearer not.a.jwt", "bearer x.y.z", "Token abc"})
    void an_authorization_header_that_is_not_a_valid_bearer_token_is_401(String header) {
        assertError(get("/api/dashboard/overview", "Authorization", header), 401, "unauthorized");
    }

    @Test
    void the_operator_invalidation_needs_the_admin_scope() {
        String user = bearer(hs256(claims -> claims.claim("scope", "read write")));
        String adminByScope = bearer(hs256(claims -> claims.claim("scope", "read admin")));
        String adminByScp = bearer(hs256(claims -> claims.claim("scp", List.of("admin"))));

        assertError(post("/api/cache/invalidate", "{\"all\":true}", "Authorization", user), 403, "forbidden");
        assertError(post("/api/cache/warm", "{}", "Authorization", user), 403, "forbidden");
        assertThat(ports.invalidations).isEmpty();
        assertThat(post("/api/cache/invalidate", "{\"all\":true}", "Authorization", adminByScope).statusCode())
                .isEqualTo(200);
        assertThat(post("/api/cache/invalidate", "{\"all\":true}", "Authorization", adminByScp).statusCode())
                .isEqualTo(200);
        assertError(post("/api/cache/invalidate", "{\"all\":true}"), 401, "unauthorized");
    }

    @Test
    void reading_the_cache_metrics_needs_a_token_but_not_the_admin_scope() {
        HttpResponse<byte[]> response = get("/api/cache/metrics", "Authorization", bearer(hs256For("alice")));

        assertThat(response.statusCode()).isNotIn(401, 403);
    }

    @Test
    void health_needs_no_token() {
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void posting_events_needs_a_token_with_the_admin_or_events_scope() {
        String event = "{\"eventId\":\"e-1\",\"type\":\"preferences.updated\",\"userId\":\"bob\","
                + "\"occurredAt\":\"2026-11-25T10:00:00Z\"}";

        assertError(post("/api/events", event), 401, "unauthorized");
        String detail = assertError(post("/api/events", event, "Authorization", bearer(hs256For("alice"))), 403,
                "forbidden");
        assertThat(detail).contains("'admin'").contains("'events'");
        assertError(post("/api/events", event, "Authorization",
                bearer(hs256(claims -> claims.claim("scope", "read write")))), 403, "forbidden");
        assertThat(ports.applied).as("nothing applied for a reader's token").isEmpty();

        assertThat(post("/api/events", event, "Authorization",
                bearer(hs256(claims -> claims.claim("scope", "events")))).statusCode()).isEqualTo(200);
        assertThat(post("/api/events/", event.replace("e-1", "e-2"), "Authorization",
                bearer(hs256(claims -> claims.claim("scp", List.of("admin"))))).statusCode()).isEqualTo(200);
        assertThat(ports.applied).extracting(applied -> applied.eventId()).containsExactly("e-1", "e-2");
    }

    @Test
    void a_non_admin_token_cannot_post_events_with_a_trailing_slash_either() {
        String event = "{\"eventId\":\"e-3\",\"type\":\"batch.completed\",\"batchId\":\"b-1\","
                + "\"userIds\":[\"bob\",\"carol\"],\"occurredAt\":\"2026-11-25T10:00:00Z\"}";

        assertError(post("/api/events/", event, "Authorization", bearer(hs256For("alice"))), 403, "forbidden");
        assertThat(ports.applied).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "true", "[\"alice\"]", "{\"id\":\"alice\"}"})
    void a_subject_that_is_not_a_json_string_is_401(String subject) throws Exception {
        Object value = com.nimbusds.jose.util.JSONObjectUtils.parse("{\"v\":" + subject + "}").get("v");
        String token = hs256(claims -> claims.subject(null).claim("sub", value));

        assertError(get("/api/dashboard/overview", "Authorization", bearer(token)), 401, "unauthorized");
        assertThat(ports.reads).isEmpty();
    }

    @Test
    void writes_go_through_as_the_tokens_subject() {
        post("/api/analyses", "{\"videoUrl\":\"s3://b/v.mp4\"}", "Authorization", bearer(hs256For("bob")),
                "X-User-Id", "alice");

        assertThat(ports.writes).extracting(RecordingPorts.Write::user).containsExactly(UserId.of("bob"));
    }

    @Test
    void a_secret_shorter_than_32_bytes_is_refused_without_being_repeated() {
        assertThatThrownBy(() -> AuthSettings.jwt("short-secret".getBytes(StandardCharsets.UTF_8), null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("short-secret");
        assertThat(AuthSettings.jwt(SECRET, null, Duration.ZERO).toString()).doesNotContain("test-secret");
    }
}
