package io.dashcache.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcache.bootstrap.Dashcache;
import io.dashcache.domain.DataType;
import io.dashcache.domain.TtlPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * One instance, the real Redis and a WireMock engine: the contract's read path from the outside,
 * as a dashboard sees it.
 */
class WalkingSkeletonTest extends EndToEndTest {

    private static final String USER = "42";

    @Test
    void every_read_is_a_miss_then_an_l1_hit_with_the_engines_bytes_and_an_etag_that_answers_304() {
        List<ApiRead> reads = ApiRead.everyKey(USER);
        reads.forEach(read -> engine.answers(read.engine(), read.body("v1")));
        Dashcache instance = instances.start("walk-1");

        SoftAssertions softly = new SoftAssertions();
        for (ApiRead read : reads) {
            byte[] served = read.body("v1").getBytes(StandardCharsets.UTF_8);
            Reply first = Api.get(instance, read);
            softly.assertThat(first.status()).as("%s first: %s", read.name(), first).isEqualTo(200);
            softly.assertThat(first.cache()).as("%s first X-Cache", read.name()).isEqualTo("MISS");
            softly.assertThat(first.body()).as("%s first body", read.name()).isEqualTo(served);
            softly.assertThat(first.contentType()).as("%s Content-Type", read.name()).startsWith("application/json");
            softly.assertThat(first.etag()).as("%s ETag", read.name()).isNotBlank();

            Reply second = Api.get(instance, read);
            softly.assertThat(second.status()).as("%s second: %s", read.name(), second).isEqualTo(200);
            softly.assertThat(second.cache()).as("%s second X-Cache", read.name()).isEqualTo("L1_HIT");
            softly.assertThat(second.body()).as("%s second body", read.name()).isEqualTo(served);
            softly.assertThat(second.etag()).as("%s second ETag", read.name()).isEqualTo(first.etag());

            Reply conditional = Api.get(instance, read.path(), USER, Map.of("If-None-Match", String.valueOf(first.etag())));
            softly.assertThat(conditional.status()).as("%s with If-None-Match: %s", read.name(), conditional)
                    .isEqualTo(304);
            softly.assertThat(conditional.body()).as("%s 304 body", read.name()).isEmpty();
        }
        for (ApiRead read : reads) {
            softly.assertThat(engine.requestsFor(read.engine())).as("engine requests for %s", read.name()).hasSize(1);
        }
        softly.assertThat(engine.totalRequests()).as("engine requests in all").isEqualTo(reads.size());
        softly.assertAll();
    }

    @Test
    void a_restarted_instance_answers_what_is_already_cached_from_l2_without_asking_the_engine() {
        List<ApiRead> reads = ApiRead.everyKey(USER);
        reads.forEach(read -> engine.answers(read.engine(), read.body("v1")));
        Dashcache before = instances.start("before-restart");
        Map<ApiRead, Reply> loaded = new LinkedHashMap<>();
        reads.forEach(read -> loaded.put(read, Api.get(before, read)));
        assertThat(loaded.values()).allSatisfy(reply -> assertThat(reply.cache()).isEqualTo("MISS"));
        instances.stop(before);

        Dashcache after = instances.start("after-restart");

        SoftAssertions softly = new SoftAssertions();
        for (ApiRead read : reads) {
            Reply reply = Api.get(after, read);
            softly.assertThat(reply.status()).as("%s: %s", read.name(), reply).isEqualTo(200);
            softly.assertThat(reply.cache()).as("%s X-Cache after the restart", read.name()).isEqualTo("L2_HIT");
            softly.assertThat(reply.body()).as("%s body", read.name()).isEqualTo(loaded.get(read).body());
            softly.assertThat(reply.etag()).as("%s ETag", read.name()).isEqualTo(loaded.get(read).etag());
        }
        softly.assertThat(engine.totalRequests()).as("engine requests: only the first instance's loads")
                .isEqualTo(reads.size());
        softly.assertAll();
    }

    @Test
    void the_overview_lives_in_redis_under_its_contract_key_for_at_most_its_ttl_plus_grace() {
        engine.answers(ApiRead.overview(USER).engine(), ApiRead.overview(USER).body("v1"));
        Dashcache instance = instances.start("walk-ttl");

        assertThat(Api.get(instance, ApiRead.overview(USER)).status()).isEqualTo(200);

        List<String> keys = instances.redis().scan(instances.key("overview:user:42") + "*");
        assertThat(keys).hasSize(1);
        long ttl = instances.redis().ttlSeconds(keys.get(0));
        long bound = 300 + TtlPolicy.defaults().grace(DataType.OVERVIEW).toSeconds();
        assertThat(ttl).isPositive().isLessThanOrEqualTo(bound);
        // jitter shortens the logical TTL by at most a tenth; more than that means the TTL is not the type's
        assertThat(ttl).isGreaterThan(bound - 30 - 5);
    }

    @Test
    void dashcache_ttl_overview_bounds_the_redis_ttl_of_the_overview() {
        engine.answers(ApiRead.overview(USER).engine(), ApiRead.overview(USER).body("v1"));
        Dashcache instance = instances.start("walk-ttl-60", Map.of("DASHCACHE_TTL_OVERVIEW", "60"));

        assertThat(Api.get(instance, ApiRead.overview(USER)).status()).isEqualTo(200);

        List<String> keys = instances.redis().scan(instances.key("overview:user:42") + "*");
        assertThat(keys).hasSize(1);
        long grace = TtlPolicy.defaults().withTtl(DataType.OVERVIEW, Duration.ofSeconds(60)).grace(DataType.OVERVIEW)
                .toSeconds();
        assertThat(instances.redis().ttlSeconds(keys.get(0))).isPositive().isLessThanOrEqualTo(60 + grace);
    }

    @Test
    void a_bad_user_id_or_period_is_a_400_json_error_that_reaches_neither_the_engine_nor_redis() {
        ApiRead.everyKey(USER).forEach(read -> engine.answers(read.engine(), read.body("v1")));
        Dashcache instance = instances.start("walk-bad");

        List<Reply> refused = List.of(
                Api.get(instance, "/api/dashboard/overview", "a*b"),
                Api.get(instance, "/api/dashboard/analytics?period=forever", USER),
                Api.get(instance, "/api/dashboard/aggregated-analytics?period=forever", USER),
                Api.get(instance, "/api/dashboard/widgets/heat*map", USER),
                Api.get(instance, "/api/dashboard/notifications", "x".repeat(65)));

        assertThat(refused).allSatisfy(reply -> {
            assertThat(reply.status()).as("%s", reply).isEqualTo(400);
            assertThatIsAJsonError(reply);
        });
        assertThat(engine.totalRequests()).as("requests that reached the engine").isZero();
        assertThat(instances.redis().scan(instances.key("*"))).noneMatch(key -> key.contains("*"));
        assertThat(instances.redis().scan(instances.key("*"))).noneMatch(key -> key.contains("forever"));
    }

    @Test
    void an_engine_failure_is_a_502_json_error_without_a_stack_trace() {
        ApiRead overview = ApiRead.overview(USER);
        engine.answersStatus(overview.engine(), 500,
                "<html><body>java.lang.NullPointerException\n\tat com.engine.Overview.load(Overview.java:12)</body></html>");
        Dashcache instance = instances.start("walk-500");

        Reply reply = Api.get(instance, overview);

        assertThat(reply.status()).isEqualTo(502);
        assertThatIsAJsonError(reply);
        assertThat(reply.text()).doesNotContainIgnoringCase("<html").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void a_failure_is_not_cached_the_next_read_asks_the_recovered_engine() {
        ApiRead overview = ApiRead.overview(USER);
        engine.answersStatus(overview.engine(), 503, "{\"error\":\"overloaded\"}");
        Dashcache instance = instances.start("walk-recover");
        assertThat(Api.get(instance, overview).status()).isEqualTo(502);

        engine.answers(overview.engine(), overview.body("v1"));
        Reply recovered = Api.get(instance, overview);

        assertThat(recovered.status()).isEqualTo(200);
        assertThat(recovered.cache()).isEqualTo("MISS");
        assertThat(recovered.text()).isEqualTo(overview.body("v1"));
    }

    @Test
    void past_its_ttl_an_entry_is_served_stale_at_once_while_one_refresh_loads_the_new_data() {
        ApiRead overview = ApiRead.overview(USER);
        engine.answers(overview.engine(), overview.body("v1"));
        // refresh-ahead off: it could refresh the entry just before it goes stale, and STALE is what is tested here
        Dashcache instance = instances.start("walk-stale",
                Map.of("DASHCACHE_TTL_OVERVIEW", "1", "DASHCACHE_REFRESH_AHEAD_BETA", "0"));
        assertThat(Api.get(instance, overview).cache()).isEqualTo("MISS");
        engine.answers(overview.engine(), overview.body("v2"));

        Reply stale = await("the entry goes stale").pollInSameThread().pollInterval(Duration.ofMillis(20))
                .atMost(Duration.ofSeconds(3)).until(() -> Api.get(instance, overview), reply -> !"L1_HIT".equals(reply.cache()));

        assertThat(stale.cache()).isEqualTo("STALE");
        assertThat(stale.text()).isEqualTo(overview.body("v1"));
        Reply refreshed = await("the refresh stored the new data").pollInSameThread().pollInterval(Duration.ofMillis(20))
                .atMost(Duration.ofSeconds(3)).until(() -> Api.get(instance, overview),
                        reply -> reply.text().equals(overview.body("v2")));
        assertThat(refreshed.cache()).as("the refreshed value is cached, not loaded by the reader").isIn("L1_HIT", "L2_HIT");
        assertThat(engine.requestsFor(overview.engine())).hasSize(2);
    }

    @Test
    void health_says_up_with_redis_and_the_engine_answering() {
        Dashcache instance = instances.start("walk-health");

        Reply health = Api.get(instance, "/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).as("%s", health).isEqualTo("UP");
        assertThat(health.json().path("dependencies").path("redis").path("state").asText()).isEqualTo("UP");
        assertThat(health.json().path("dependencies").path("engine").path("state").asText()).isEqualTo("UP");
    }

    @Test
    void an_engine_404_is_a_404_json_error_remembered_for_the_absent_ttl() {
        ApiRead overview = ApiRead.overview("ghost");
        engine.answersStatus(overview.engine(), 404, "{\"error\":\"no such user\"}");
        Dashcache instance = instances.start("walk-404");

        Reply first = Api.get(instance, overview);
        Reply second = Api.get(instance, overview);

        assertThat(first.status()).isEqualTo(404);
        assertThatIsAJsonError(first);
        assertThat(second.status()).isEqualTo(404);
        assertThatIsAJsonError(second);
        assertThat(second.cache()).isIn("L1_HIT", "L2_HIT");
        assertThat(engine.requestsFor(overview.engine())).as("engine requests within the absent TTL").hasSize(1);
    }

    private static void assertThatIsAJsonError(Reply reply) {
        assertThat(reply.contentType()).as("Content-Type of %s", reply).startsWith("application/json");
        JsonNode body = reply.json();
        assertThat(body.isObject()).as("%s", reply).isTrue();
        assertThat(body.path("error").isTextual()).as("error in %s", reply).isTrue();
        assertThat(body.path("error").asText()).isNotBlank();
        assertThat(body.path("detail").isTextual()).as("detail in %s", reply).isTrue();
        assertThat(body.path("detail").asText()).isNotBlank();
    }
}
