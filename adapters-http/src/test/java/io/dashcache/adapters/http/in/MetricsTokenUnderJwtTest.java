package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code DASHCACHE_METRICS_TOKEN} under {@code jwt}: the scrape token or a token with the admin scope. */
class MetricsTokenUnderJwtTest extends RunningServer {

    @Override
    AuthSettings auth() {
        return AuthSettings.jwt(JwtAuthenticationTest.SECRET, null, Duration.ofSeconds(30))
                .withMetricsToken(MetricsTokenTest.TOKEN.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    List<RouteRegistrar> moreRoutes(HttpSettings settings) {
        return MetricsTokenTest.metricsRoutes();
    }

    @Test
    void the_scrape_token_or_an_admin_jwt_opens_metrics_and_a_readers_jwt_does_not() {
        String admin = JwtAuthenticationTest.hs256(claims -> claims.claim("scope", "admin"));
        String reader = JwtAuthenticationTest.hs256For("alice");

        assertThat(get("/metrics", "Authorization", "Bearer " + MetricsTokenTest.TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/metrics", "Authorization", "Bearer " + admin).statusCode()).isEqualTo(200);
        assertThat(assertError(get("/metrics", "Authorization", "Bearer " + reader), 401, "unauthorized"))
                .contains("'admin'");
        assertError(get("/metrics"), 401, "unauthorized");
    }
}
