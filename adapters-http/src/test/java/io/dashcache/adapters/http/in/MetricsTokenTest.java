package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code DASHCACHE_METRICS_TOKEN} under {@code DASHCACHE_AUTH=none}: {@code /metrics} only for scrapers that send it. */
class MetricsTokenTest extends RunningServer {

    static final String TOKEN = "scrape-token-0123456789";
    static final String EXPOSITION = "# TYPE dashcache_x_total counter\ndashcache_x_total 1.0\n";

    @Override
    AuthSettings auth() {
        return AuthSettings.none().withMetricsToken(TOKEN.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    List<RouteRegistrar> moreRoutes(HttpSettings settings) {
        return metricsRoutes();
    }

    static List<RouteRegistrar> metricsRoutes() {
        return List.of(new CacheMetricsRoutes(() -> {
            throw new IllegalStateException("the report is not read here");
        }, () -> EXPOSITION));
    }

    @Test
    void the_token_opens_metrics() {
        assertThat(get("/metrics", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(new String(get("/metrics", "Authorization", "bearer " + TOKEN).body(), StandardCharsets.UTF_8))
                .isEqualTo(EXPOSITION);
    }

    @Test
    void without_the_token_metrics_is_a_json_401_naming_the_variable() {
        String detail = assertError(get("/metrics"), 401, "unauthorized");

        assertThat(detail).contains("DASHCACHE_METRICS_TOKEN");
        assertError(get("/metrics", "Authorization", "Bearer " + TOKEN + "x"), 401, "unauthorized");
        assertError(get("/metrics", "Authorization", "Bearer " + TOKEN.substring(1)), 401, "unauthorized");
        assertError(get("/metrics", "Authorization", TOKEN), 401, "unauthorized");
        assertError(get("/metrics/"), 401, "unauthorized");
    }

    @Test
    void health_stays_open() {
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void a_short_token_is_refused_and_no_secret_is_ever_printed() {
        assertThatThrownBy(() -> AuthSettings.none().withMetricsToken("short".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16").hasMessageNotContaining("short");
        assertThatThrownBy(() -> AuthSettings.none().withWebhookSecret("short-hook".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32").hasMessageNotContaining("short-hook");
        assertThat(AuthSettings.none().withMetricsToken(TOKEN.getBytes(StandardCharsets.UTF_8))
                .withWebhookSecret(SignedWebhookTest.SECRET).toString())
                .doesNotContain(TOKEN).doesNotContain("webhook-secret");
    }
}
