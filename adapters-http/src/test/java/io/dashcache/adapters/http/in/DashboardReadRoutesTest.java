package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Period;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DashboardReadRoutesTest extends RunningServer {

    /** Odd spacing, key order and non-ASCII: any parse-and-reserialise would change these bytes. */
    static final byte[] PAYLOAD = "{ \"zeta\" :1,\"alpha\":[ 1.50, 2 ],  \"name\":\"Zoë\" }\n".getBytes(StandardCharsets.UTF_8);
    static final CacheEntry ENTRY = CacheEntry.loaded(PAYLOAD, Instant.parse("2026-11-25T10:00:00Z"),
            Duration.ofMinutes(5), Duration.ofMinutes(1), 3);
    static final UserId USER = UserId.of("42");

    @BeforeEach
    void answerEveryReadWithAnL2Hit() {
        ports.readAnswer = key -> new DashboardRead(ENTRY, CacheOutcome.L2_HIT);
    }

    static Stream<Arguments> theNineReads() {
        return Stream.of(
                Arguments.of("/api/dashboard/overview", CacheKey.forUser(DataType.OVERVIEW, USER)),
                Arguments.of("/api/dashboard/analytics?period=7d", CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_WEEK)),
                Arguments.of("/api/dashboard/preferences", CacheKey.forUser(DataType.USER_PREFERENCES, USER)),
                Arguments.of("/api/dashboard/system-status", CacheKey.global(DataType.SYSTEM_STATUS)),
                Arguments.of("/api/dashboard/performance-metrics", CacheKey.global(DataType.PERFORMANCE_METRICS)),
                Arguments.of("/api/dashboard/recent-activity", CacheKey.forUser(DataType.RECENT_ACTIVITY, USER)),
                Arguments.of("/api/dashboard/notifications", CacheKey.forUser(DataType.NOTIFICATIONS, USER)),
                Arguments.of("/api/dashboard/widgets/camera-grid", CacheKey.widget(USER, WidgetType.of("camera-grid"))),
                Arguments.of("/api/dashboard/aggregated-analytics?period=30d",
                        CacheKey.forPeriod(DataType.AGGREGATED_ANALYTICS, Period.LAST_MONTH)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("theNineReads")
    void each_read_asks_for_its_own_cache_key_and_answers_with_the_entry(String path, CacheKey expected) {
        HttpResponse<byte[]> response = get(path, "X-User-Id", "42");

        assertThat(ports.reads).containsExactly(expected);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(PAYLOAD);
        assertThat(response.headers().firstValue("X-Cache")).hasValue("L2_HIT");
        assertThat(response.headers().firstValue("ETag")).hasValue(ENTRY.etag());
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"L1_HIT", "L2_HIT", "MISS", "STALE"})
    void the_x_cache_header_says_where_the_answer_came_from(String outcome) {
        ports.readAnswer = key -> new DashboardRead(ENTRY, CacheOutcome.valueOf(outcome));

        assertThat(get("/api/dashboard/system-status").headers().firstValue("X-Cache")).hasValue(outcome);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "W/", "\"other\", W/"})
    void a_matching_if_none_match_gets_304_with_the_etag_and_no_body(String prefix) {
        HttpResponse<byte[]> response = get("/api/dashboard/overview", "X-User-Id", "42",
                "If-None-Match", prefix + ENTRY.etag());

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("ETag")).hasValue(ENTRY.etag());
        assertThat(response.headers().firstValue("X-Cache")).hasValue("L2_HIT");
    }

    @Test
    void an_if_none_match_for_another_version_gets_the_full_answer() {
        HttpResponse<byte[]> response = get("/api/dashboard/overview", "X-User-Id", "42", "If-None-Match", "\"older\"");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(PAYLOAD);
    }

    @Test
    void data_the_engine_does_not_have_is_a_404_json_error_that_still_says_x_cache() {
        ports.readAnswer = key -> new DashboardRead(CacheEntry.absent(Instant.now(), Duration.ofSeconds(30), 1),
                CacheOutcome.L1_HIT);

        HttpResponse<byte[]> response = get("/api/dashboard/overview", "X-User-Id", "42");

        assertError(response, 404, "not_found");
        assertThat(response.headers().firstValue("X-Cache")).hasValue("L1_HIT");
        assertThat(response.headers().firstValue("ETag")).isEmpty();
    }

    @Test
    void a_read_without_an_entry_is_a_404_too() {
        ports.readAnswer = key -> new DashboardRead(null, CacheOutcome.MISS);

        HttpResponse<byte[]> response = get("/api/dashboard/system-status");

        assertError(response, 404, "not_found");
        assertThat(response.headers().firstValue("X-Cache")).hasValue("MISS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a*b", "a b", "0123456789012345678901234567890123456789012345678901234567890123456789",
            "../etc", "{42}"})
    void a_user_id_that_breaks_the_rule_is_a_400_and_never_reaches_the_cache(String user) {
        HttpResponse<byte[]> response = get("/api/dashboard/overview", "X-User-Id", user);

        assertThat(assertError(response, 400, "invalid_request")).contains("userId");
        assertThat(ports.reads).isEmpty();
    }

    @Test
    void two_user_headers_are_a_400_whichever_comes_first_and_never_reach_the_cache() {
        HttpResponse<byte[]> response = get("/api/dashboard/overview", "X-User-Id", "42", "X-User-Id", "43");

        assertThat(assertError(response, 400, "invalid_request")).contains("exactly one X-User-Id");
        assertThat(ports.reads).isEmpty();
    }

    @Test
    void a_per_user_read_without_the_user_header_is_a_400() {
        HttpResponse<byte[]> response = get("/api/dashboard/notifications");

        assertThat(assertError(response, 400, "invalid_request")).contains("X-User-Id");
        assertThat(ports.reads).isEmpty();
    }

    @Test
    void a_global_read_does_not_look_at_the_user_header() {
        HttpResponse<byte[]> response = get("/api/dashboard/performance-metrics", "X-User-Id", "a*b");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ports.reads).containsExactly(CacheKey.global(DataType.PERFORMANCE_METRICS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"forever", "7D", "", "1d"})
    void a_period_outside_the_contract_is_a_400(String period) {
        HttpResponse<byte[]> response = get("/api/dashboard/analytics?period=" + period);

        assertThat(assertError(response, 400, "invalid_request")).contains("period");
        assertThat(ports.reads).isEmpty();
    }

    @Test
    void a_missing_period_is_a_400_that_lists_the_allowed_ones() {
        HttpResponse<byte[]> response = get("/api/dashboard/aggregated-analytics");

        assertThat(assertError(response, 400, "invalid_request")).contains("period is required").contains("7d");
    }

    @Test
    void a_period_given_twice_is_a_400() {
        assertError(get("/api/dashboard/analytics?period=7d&period=30d"), 400, "invalid_request");
        assertThat(ports.reads).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a*b", "heat%20map", "%7Bx%7D"})
    void a_widget_type_that_breaks_the_rule_is_a_400(String widget) {
        HttpResponse<byte[]> response = get("/api/dashboard/widgets/" + widget, "X-User-Id", "42");

        assertThat(assertError(response, 400, "invalid_request")).contains("widgetType");
        assertThat(ports.reads).isEmpty();
    }
}
