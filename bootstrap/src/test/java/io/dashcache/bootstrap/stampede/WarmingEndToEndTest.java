package io.dashcache.bootstrap.stampede;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dashcache.application.port.in.warming.WarmCache;
import io.dashcache.application.warming.CacheWarmer;
import io.dashcache.bootstrap.Dashcache;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator's warming and the value size limit, through the REST API of real instances. */
class WarmingEndToEndTest {

    private static final String[] USER_42 = {"X-User-Id", "42"};

    private final WireMockServer engine = new WireMockServer(options().dynamicPort().containerThreads(20));
    private Instances instances;

    @BeforeEach
    void start() {
        engine.start();
        engine.stubFor(get(urlPathMatching("/v1/.*")).willReturn(okJson("{\"data\":\"from the engine\"}")));
        instances = new Instances(engine.baseUrl());
    }

    @AfterEach
    void stop() {
        instances.close();
        engine.stop();
    }

    private static List<String> dashboardOf42() {
        List<String> paths = new ArrayList<>(List.of("/api/dashboard/overview", "/api/dashboard/preferences",
                "/api/dashboard/recent-activity", "/api/dashboard/notifications", "/api/dashboard/system-status",
                "/api/dashboard/performance-metrics"));
        for (String period : List.of("1h", "24h", "7d", "30d")) {
            paths.add("/api/dashboard/analytics?period=" + period);
            paths.add("/api/dashboard/aggregated-analytics?period=" + period);
        }
        return paths;
    }

    @Test
    void after_warming_user_42_every_read_of_their_dashboard_is_a_hit_on_every_instance() {
        Dashcache warmed = instances.start();
        Dashcache other = instances.start();

        HttpResponse<String> accepted = instances.post(warmed, "/api/cache/warm", "{\"userId\":\"42\"}");

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).isEqualTo("{\"queued\":14,\"alreadyQueued\":0,\"dropped\":0}");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            WarmCache.Stats stats = warmed.part(CacheWarmer.class).stats();
            return stats.idle() && stats.warmed() == 14;
        });
        assertThat(instances.get(warmed, "/api/cache/warm").body()).contains("\"warmed\":14", "\"queueLength\":0");
        for (String path : dashboardOf42()) {
            HttpResponse<String> here = instances.get(warmed, path, USER_42);
            HttpResponse<String> there = instances.get(other, path, USER_42);
            assertThat(here.statusCode()).as(path).isEqualTo(200);
            assertThat(Instances.xCache(here)).as(path).isEqualTo("L1_HIT");
            // the other instance has it in L2; user 42's first read there copies the rest of the dashboard to its L1
            assertThat(Instances.xCache(there)).as(path).isIn("L2_HIT", "L1_HIT");
        }
        engine.verify(14, anyRequestedFor(urlPathMatching("/v1/.*")));
    }

    @Test
    void a_hot_key_that_was_invalidated_is_reloaded_by_the_scheduled_pass_before_anyone_asks() {
        Dashcache instance = instances.start("DASHCACHE_WARM_INTERVAL_SECONDS", "1", "DASHCACHE_WARM_HOTTEST", "5");
        for (int i = 0; i < 5; i++) {
            instances.get(instance, "/api/dashboard/system-status");
        }

        instances.post(instance, "/api/cache/invalidate", "{\"type\":\"system_status\"}");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> engine.countRequestsMatching(getRequestedFor(urlPathEqualTo("/v1/system_status")).build())
                        .getCount() == 2);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Instances.xCache(instances.get(instance, "/api/dashboard/system-status")).equals("L1_HIT"));
        assertThat(instance.part(CacheWarmer.class).stats().warmed()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_bad_warm_request_is_a_json_400() {
        Dashcache instance = instances.start();

        Instances.assertJsonError(instances.post(instance, "/api/cache/warm", "{\"hottest\":5000}"), 400,
                "invalid_request");
    }

    @Test
    void an_engine_answer_over_the_size_limit_is_served_every_time_but_never_cached() {
        String big = "{\"blob\":\"" + "x".repeat(3000) + "\"}";
        engine.stubFor(get(urlPathEqualTo("/v1/system_status")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(big)));
        Dashcache instance = instances.start("DASHCACHE_MAX_VALUE_BYTES", "2048");

        HttpResponse<String> first = instances.get(instance, "/api/dashboard/system-status");
        HttpResponse<String> second = instances.get(instance, "/api/dashboard/system-status");

        assertThat(first.body()).isEqualTo(big);
        assertThat(second.body()).isEqualTo(big);
        assertThat(Instances.xCache(second)).isEqualTo("MISS");
        engine.verify(2, getRequestedFor(urlPathEqualTo("/v1/system_status")));
    }

    @Test
    void a_2_mib_engine_answer_is_cached_compressed_and_the_second_read_is_an_l1_hit() {
        String big = new String(io.dashcache.testsupport.DashboardJson.ofAbout(2 * 1024 * 1024),
                java.nio.charset.StandardCharsets.UTF_8);
        engine.stubFor(get(urlPathEqualTo("/v1/system_status")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(big)));
        Dashcache instance = instances.start(); // the default limit: 1 MiB, as stored
        Dashcache other = instances.start();

        HttpResponse<String> first = instances.get(instance, "/api/dashboard/system-status");
        HttpResponse<String> second = instances.get(instance, "/api/dashboard/system-status");
        HttpResponse<String> elsewhere = instances.get(other, "/api/dashboard/system-status");

        assertThat(big.length()).isGreaterThan(2_000_000);
        assertThat(first.body()).isEqualTo(big);
        assertThat(Instances.xCache(first)).isEqualTo("MISS");
        assertThat(second.body()).isEqualTo(big);
        assertThat(Instances.xCache(second)).isEqualTo("L1_HIT");
        assertThat(elsewhere.body()).isEqualTo(big);
        assertThat(Instances.xCache(elsewhere)).as("from L2, inflated").isEqualTo("L2_HIT");
        engine.verify(1, getRequestedFor(urlPathEqualTo("/v1/system_status")));
    }
}
