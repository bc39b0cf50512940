package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Under {@code DASHCACHE_AUTH=jwt} the hot keys are an operator's: the admin scope, as invalidating and warming. */
class HotKeysRouteUnderJwtTest extends HotKeysServer {

    @Override
    AuthSettings auth() {
        return AuthSettings.jwt(JwtAuthenticationTest.SECRET, null, Duration.ofSeconds(30));
    }

    @Test
    void without_a_token_it_is_401_and_with_a_readers_token_403() {
        String reader = "Bearer " + JwtAuthenticationTest.hs256(claims -> claims.claim("scope", "read write"));

        assertError(get("/api/cache/hot-keys"), 401, "unauthorized");
        assertThat(assertError(get("/api/cache/hot-keys", "Authorization", reader), 403, "forbidden")).contains("admin");
        assertThat(hotKeys.limits).isEmpty();
    }

    @Test
    void an_admin_token_reads_them() {
        String admin = "Bearer " + JwtAuthenticationTest.hs256(claims -> claims.claim("scope", "read admin"));

        assertThat(get("/api/cache/hot-keys?limit=5", "Authorization", admin).statusCode()).isEqualTo(200);
        assertThat(hotKeys.limits).containsExactly(5);
    }
}
