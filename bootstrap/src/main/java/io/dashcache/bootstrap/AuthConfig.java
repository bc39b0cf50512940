package io.dashcache.bootstrap;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Who callers are ({@code DASHCACHE_AUTH}).
 *
 * @param jwt       {@code DASHCACHE_AUTH=jwt}: bearer tokens; else {@code none}: the {@code X-User-Id} header
 * @param jwtSecret {@code DASHCACHE_JWT_SECRET}: the HS256 secret, at least 32 bytes
 * @param jwksUrl   {@code DASHCACHE_JWKS_URL}: the issuer's public keys
 * @param clockSkew {@code DASHCACHE_JWT_CLOCK_SKEW_SECONDS}: tolerance on {@code exp} and {@code nbf}
 * @param webhookSecret {@code DASHCACHE_WEBHOOK_SECRET}: events must be signed with it (any mode), at least 32 bytes
 * @param metricsToken  {@code DASHCACHE_METRICS_TOKEN}: the bearer token {@code /metrics} asks for, at least 16 bytes
 */
public record AuthConfig(boolean jwt, Optional<String> jwtSecret, Optional<URI> jwksUrl, Duration clockSkew,
                         Optional<String> webhookSecret, Optional<String> metricsToken) {

    public static AuthConfig none() {
        return new AuthConfig(false, Optional.empty(), Optional.empty(), Duration.ZERO, Optional.empty(), Optional.empty());
    }

    /** Never prints a secret (a record's own toString would). */
    @Override
    public String toString() {
        return "AuthConfig[" + (jwt ? "jwt" : "none") + jwtSecret.map(secret -> ", secret ***").orElse("")
                + jwksUrl.map(url -> ", jwks " + url).orElse("") + ", skew " + clockSkew.toSeconds() + " s"
                + webhookSecret.map(secret -> ", webhook secret ***").orElse("")
                + metricsToken.map(token -> ", metrics token ***").orElse("") + "]";
    }
}
