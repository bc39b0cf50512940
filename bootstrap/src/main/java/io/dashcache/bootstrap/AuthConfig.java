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
 */
public record AuthConfig(boolean jwt, Optional<String> jwtSecret, Optional<URI> jwksUrl, Duration clockSkew) {

    public static AuthConfig none() {
        return new AuthConfig(false, Optional.empty(), Optional.empty(), Duration.ZERO);
    }

    /** Never prints the secret (a record's own toString would). */
    @Override
    public String toString() {
        return "AuthConfig[" + (jwt ? "jwt" : "none") + jwtSecret.map(secret -> ", secret ***").orElse("")
                + jwksUrl.map(url -> ", jwks " + url).orElse("") + ", skew " + clockSkew.toSeconds() + " s]";
    }
}
