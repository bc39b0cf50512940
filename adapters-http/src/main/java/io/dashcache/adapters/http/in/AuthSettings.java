package io.dashcache.adapters.http.in;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Who the caller is ({@code DASHCACHE_AUTH}).
 *
 * <pre>{@code
 * AuthSettings.none();                                              // X-User-Id, behind a trusted gateway
 * AuthSettings.jwt(secretBytes, null, Duration.ofSeconds(30));      // Bearer JWT, HS256 with a shared secret
 * AuthSettings.jwt(null, URI.create("https://idp/jwks.json"), ...); // Bearer JWT, keys from a JWKS URL
 * }</pre>
 *
 * Under {@code jwt} the user is the token's {@code sub}; {@code X-User-Id} is ignored. Every
 * {@code /api/} request needs a valid token, the operator endpoints ({@code /api/cache/...},
 * except {@code GET /api/cache/metrics}) need the {@value #ADMIN_SCOPE} scope, and posting events
 * needs {@value #ADMIN_SCOPE} or {@value #EVENTS_SCOPE}.
 *
 * <p>In either mode, {@link #withWebhookSecret} makes {@code POST /api/events} need a signature of
 * its body ({@link WebhookSignature}) instead of a token, and {@link #withMetricsToken} makes
 * {@code GET /metrics} need that bearer token (or, under {@code jwt}, a token with {@value #ADMIN_SCOPE}).
 */
public final class AuthSettings {

    public static final String ADMIN_SCOPE = "admin";
    /** Enough to post engine events, nothing more. */
    public static final String EVENTS_SCOPE = "events";
    /** A scraper's token is a password: long enough not to be guessed. */
    public static final int MIN_METRICS_TOKEN_BYTES = 16;
    /** HS256 needs a key at least as long as its hash (RFC 7518, 3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    private final boolean jwt;
    private final byte[] secret;
    private final URI jwksUrl;
    private final Duration clockSkew;
    private final byte[] webhookSecret;
    private final byte[] metricsToken;

    private AuthSettings(boolean jwt, byte[] secret, URI jwksUrl, Duration clockSkew, byte[] webhookSecret,
                         byte[] metricsToken) {
        this.jwt = jwt;
        this.secret = secret;
        this.jwksUrl = jwksUrl;
        this.clockSkew = clockSkew;
        this.webhookSecret = webhookSecret;
        this.metricsToken = metricsToken;
    }

    public static AuthSettings none() {
        return new AuthSettings(false, null, null, Duration.ZERO, null, null);
    }

    /**
     * These settings, with {@code POST /api/events} accepted only with a valid
     * {@value WebhookSignature#HEADER} made with {@code secret} (in every mode).
     *
     * @throws IllegalArgumentException when the secret is shorter than {@value #MIN_SECRET_BYTES} bytes (never repeated)
     */
    public AuthSettings withWebhookSecret(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the webhook secret must be at least " + MIN_SECRET_BYTES + " bytes, got "
                    + (secret == null ? 0 : secret.length));
        }
        return new AuthSettings(jwt, this.secret, jwksUrl, clockSkew, secret.clone(), metricsToken);
    }

    /**
     * These settings, with {@code GET /metrics} answered only to {@code Authorization: Bearer <token>}
     * (under {@code jwt}, a token with the {@value #ADMIN_SCOPE} scope passes too).
     *
     * @throws IllegalArgumentException when the token is shorter than {@value #MIN_METRICS_TOKEN_BYTES} bytes (never repeated)
     */
    public AuthSettings withMetricsToken(byte[] token) {
        if (token == null || token.length < MIN_METRICS_TOKEN_BYTES) {
            throw new IllegalArgumentException("the metrics token must be at least " + MIN_METRICS_TOKEN_BYTES
                    + " bytes, got " + (token == null ? 0 : token.length));
        }
        return new AuthSettings(jwt, secret, jwksUrl, clockSkew, webhookSecret, token.clone());
    }

    /**
     * @param hs256Secret the shared HS256 secret, at least {@value #MIN_SECRET_BYTES} bytes, or {@code null}
     * @param jwksUrl     where the issuer publishes its public keys (RS256, ES256 ...), or {@code null}
     * @param clockSkew   tolerance on {@code exp} and {@code nbf}, 0 to 5 minutes
     * @throws IllegalArgumentException when neither key source is given, the secret is too short, or
     *                                  the URL is not http(s); the message never contains the secret
     */
    public static AuthSettings jwt(byte[] hs256Secret, URI jwksUrl, Duration clockSkew) {
        if (hs256Secret == null && jwksUrl == null) {
            throw new IllegalArgumentException("JWT authentication needs a secret (HS256) or a JWKS URL");
        }
        if (hs256Secret != null && hs256Secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_BYTES
                    + " bytes for HS256, got " + hs256Secret.length);
        }
        if (jwksUrl != null && (jwksUrl.getHost() == null
                || !("https".equalsIgnoreCase(jwksUrl.getScheme()) || "http".equalsIgnoreCase(jwksUrl.getScheme())))) {
            throw new IllegalArgumentException("the JWKS URL must be an absolute http(s) URL");
        }
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("the JWT clock skew must be 0 to 300 seconds, got " + clockSkew.toSeconds());
        }
        return new AuthSettings(true, hs256Secret == null ? null : hs256Secret.clone(), jwksUrl, clockSkew, null, null);
    }

    /** For a secret given as text (an environment variable): its UTF-8 bytes. */
    public static byte[] secretBytes(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    public boolean isJwt() {
        return jwt;
    }

    byte[] secret() {
        return secret == null ? null : secret.clone();
    }

    URI jwksUrl() {
        return jwksUrl;
    }

    Duration clockSkew() {
        return clockSkew;
    }

    /** {@code null}: events need no signature. */
    byte[] webhookSecret() {
        return webhookSecret == null ? null : webhookSecret.clone();
    }

    /** {@code null}: {@code /metrics} is open. */
    byte[] metricsToken() {
        return metricsToken == null ? null : metricsToken.clone();
    }

    /** Never shows a secret. */
    @Override
    public String toString() {
        String extras = (webhookSecret == null ? "" : ", webhook secret ***") + (metricsToken == null ? "" : ", metrics token ***");
        if (!jwt) {
            return "AuthSettings[none" + extras + "]";
        }
        return "AuthSettings[jwt" + (secret == null ? "" : ", HS256 secret ***") + (jwksUrl == null ? "" : ", JWKS " + jwksUrl)
                + ", skew " + clockSkew.toSeconds() + " s" + extras + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuthSettings that && jwt == that.jwt && Arrays.equals(secret, that.secret)
                && Objects.equals(jwksUrl, that.jwksUrl) && clockSkew.equals(that.clockSkew)
                && Arrays.equals(webhookSecret, that.webhookSecret) && Arrays.equals(metricsToken, that.metricsToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jwt, Arrays.hashCode(secret), jwksUrl, clockSkew, Arrays.hashCode(webhookSecret),
                Arrays.hashCode(metricsToken));
    }
}
