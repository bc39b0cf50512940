package io.dashcache.adapters.http.out;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.messages.EngineReply;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.reading.SourceAnswer;
import io.dashcache.application.port.out.reading.SourceUnavailableException.Reason;
import io.dashcache.application.port.out.reading.SourceUnavailableException;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Period;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineHttpClientTest {

    /** Generous for answers that come (a cold JVM on a busy machine), short where the engine is meant to be slow. */
    // generous: a first request to WireMock on a cold, loaded JVM once took over 2 s; timeouts are tested with SHORT
    static final Duration ENOUGH = Duration.ofSeconds(10);
    static final Duration SHORT = Duration.ofMillis(200);
    static final int MAX_BYTES = 4096;
    static final UserId USER = UserId.of("42");
    static final CacheKey OVERVIEW = CacheKey.forUser(DataType.OVERVIEW, USER);

    private final WireMockServer engine = new WireMockServer(options().dynamicPort().containerThreads(10));
    private EngineHttpClient client;
    private final List<String> badAnswers = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startEngine() {
        engine.start();
    }

    @AfterAll
    void stopEngine() {
        engine.stop();
    }

    @BeforeEach
    void freshClientAndStubs() {
        engine.resetAll();
        badAnswers.clear();
        client = new EngineHttpClient(new EngineClientSettings(URI.create(engine.baseUrl()), SHORT, ENOUGH, MAX_BYTES),
                new CacheMetrics() {
                    @Override
                    public void recordBadEngineAnswer(String cache) {
                        badAnswers.add(cache);
                    }
                });
    }

    static EngineHttpClient clientFor(URI base) {
        return new EngineHttpClient(new EngineClientSettings(base, SHORT, ENOUGH, MAX_BYTES));
    }

    @Test
    void a_200_json_object_is_passed_through_byte_for_byte() {
        byte[] body = "\n  { \"zeta\" :1,\"alpha\":[ 1.50, 2 ],\"name\":\"Zoë\" }  ".getBytes(StandardCharsets.UTF_8);
        engine.stubFor(get(urlPathEqualTo("/v1/overview")).willReturn(aResponse().withStatus(200).withBody(body)));

        SourceAnswer answer = client.fetch(OVERVIEW);

        assertThat(answer).isInstanceOf(SourceAnswer.Found.class);
        assertThat(((SourceAnswer.Found) answer).json()).isEqualTo(body);
    }

    static Stream<Arguments> keysAndTheirRequests() {
        return Stream.of(
                Arguments.of(OVERVIEW, "/v1/overview?userId=42"),
                Arguments.of(CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_WEEK), "/v1/analytics?period=7d"),
                Arguments.of(CacheKey.forPeriod(DataType.AGGREGATED_ANALYTICS, Period.LAST_DAY),
                        "/v1/aggregated_analytics?period=24h"),
                Arguments.of(CacheKey.global(DataType.SYSTEM_STATUS), "/v1/system_status"),
                Arguments.of(CacheKey.widget(USER, WidgetType.of("heatmap")), "/v1/widget_data?userId=42&widget=heatmap"),
                Arguments.of(CacheKey.forUser(DataType.NOTIFICATIONS, UserId.of("ann@example.org")),
                        "/v1/notifications?userId=ann%40example.org"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("keysAndTheirRequests")
    void each_key_asks_for_its_type_with_exactly_the_parameters_that_apply_in_order(CacheKey key, String expectedUrl) {
        engine.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));

        client.fetch(key);

        engine.verify(1, getRequestedFor(urlEqualTo(expectedUrl)).withHeader("Accept", equalTo("application/json")));
        assertThat(engine.getAllServeEvents()).hasSize(1);
    }

    @Test
    void a_base_url_with_a_path_and_a_trailing_slash_keeps_its_path() {
        engine.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));

        clientFor(URI.create(engine.baseUrl() + "/engine/")).fetch(OVERVIEW);

        engine.verify(1, getRequestedFor(urlEqualTo("/engine/v1/overview?userId=42")));
    }

    @Test
    void a_404_means_the_engine_has_no_such_data() {
        engine.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404).withBody("{\"error\":\"no user\"}")));

        assertThat(client.fetch(OVERVIEW)).isEqualTo(SourceAnswer.notFound());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503, 400, 204, 302})
    void any_other_status_means_the_engine_is_failing_and_names_the_status(int status) {
        engine.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(status).withHeader("Location", "/elsewhere")));

        SourceUnavailableException failure = fetchFailure();

        assertThat(failure.reason()).isEqualTo(Reason.FAILING);
        assertThat(failure.getMessage()).contains(String.valueOf(status));
    }

    @Test
    void a_200_json_array_is_passed_through_byte_for_byte_too() {
        byte[] body = " [ {\"id\": 1}, {\"id\": 2} ] ".getBytes(StandardCharsets.UTF_8);
        engine.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody(body)));

        assertThat(((SourceAnswer.Found) client.fetch(OVERVIEW)).json()).isEqualTo(body);
        assertThat(badAnswers).isEmpty();
    }

    static Stream<Arguments> answersThatMustNotBeCached() {
        return Stream.of(
                Arguments.of("{\"this is\": not json <<<", "Unrecognized token"),
                Arguments.of("{\"a\": 1", "end-of-input"),
                Arguments.of("{\"a\": 1}}", "close marker"),
                Arguments.of("{\"a\": 1} {\"b\": 2}", "more after"),
                Arguments.of("{\"a\": 1, \"a\": 2}", "Duplicate"),
                Arguments.of("{\"a\": \"unterminated}", "end-of-input"),
                Arguments.of("[".repeat(21) + "]".repeat(21), "deeper than 20"),
                Arguments.of("\"text\"", "not a JSON object or array"),
                Arguments.of("42", "not a JSON object or array"),
                Arguments.of("null", "not a JSON object or array"),
                Arguments.of("", "empty"),
                Arguments.of("   ", "empty"),
                Arguments.of("<html>oops</html>", "Unexpected character"));
    }

    @ParameterizedTest(name = "[{index}] named {1}")
    @MethodSource("answersThatMustNotBeCached")
    void a_200_that_is_not_one_well_formed_json_object_or_array_is_a_bad_answer_counted_and_named(String body,
                                                                                                  String named) {
        engine.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody(body)));

        SourceUnavailableException failure = fetchFailure();

        assertThat(failure.reason()).isEqualTo(Reason.BAD_ANSWER);
        assertThat(failure.getMessage()).contains("cannot be cached").contains(named)
                .doesNotContain("Exception").doesNotContain("`").doesNotContain("Source:");
        assertThat(badAnswers).containsExactly("overview");
        assertThat(client.check().state()).isEqualTo(DependencyHealth.State.DEGRADED);
    }

    @Test
    void a_string_that_is_not_utf_8_is_a_bad_answer() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        engine.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody(body)));

        assertThat(fetchFailure().reason()).isEqualTo(Reason.BAD_ANSWER);
    }

    @Test
    void a_body_over_the_limit_is_a_bad_answer() {
        engine.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200)
                .withBody("{\"pad\":\"" + "x".repeat(MAX_BYTES) + "\"}")));

        SourceUnavailableException failure = fetchFailure();

        assertThat(failure.reason()).isEqualTo(Reason.BAD_ANSWER);
        assertThat(failure.getMessage()).contains("too large");
        assertThat(badAnswers).containsExactly("overview");
    }

    @Test
    void an_engine_slower_than_the_timeout_is_a_timeout_reported_in_time() {
        engine.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(1_500)));

        EngineHttpClient impatient = new EngineHttpClient(
                new EngineClientSettings(URI.create(engine.baseUrl()), SHORT, SHORT, MAX_BYTES));

        long started = System.nanoTime();
        SourceUnavailableException failure = catchThrowableOfType(SourceUnavailableException.class,
                () -> impatient.fetch(OVERVIEW));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(failure.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(tookMillis).isLessThan(1_000);
        assertThat(impatient.check().state()).isEqualTo(DependencyHealth.State.DEGRADED);
    }

    @Test
    void a_refused_connection_means_the_engine_is_unreachable() throws IOException {
        SourceUnavailableException failure = catchThrowableOfType(SourceUnavailableException.class,
                () -> clientFor(nothingListening()).fetch(OVERVIEW));

        assertThat(failure.reason()).isEqualTo(Reason.UNREACHABLE);
    }

    @Test
    void an_interrupted_caller_gets_a_clear_failure_and_keeps_its_interrupt_flag() {
        engine.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(1_200)));
        Thread.currentThread().interrupt();

        try {
            assertThatThrownBy(() -> client.fetch(OVERVIEW)).isInstanceOf(SourceUnavailableException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void preferences_are_put_for_the_user_with_the_body_as_given_and_the_reply_comes_back() {
        byte[] body = "{ \"theme\": \"dark\" }".getBytes(StandardCharsets.UTF_8);
        engine.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"saved\":true}")));

        EngineReply reply = client.putPreferences(USER, body);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("{\"saved\":true}");
        engine.verify(1, putRequestedFor(urlEqualTo("/v1/user_preferences?userId=42"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(binaryEqualTo(body)));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void analyses_are_posted_for_the_user_and_the_engine_202_comes_back(boolean batch) {
        byte[] body = "[{\"video\":\"v1\"}]".getBytes(StandardCharsets.UTF_8);
        engine.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(202).withBody("{\"analysisId\":\"a-1\"}")));

        EngineReply reply = client.submitAnalyses(USER, body, batch);

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.accepted()).isTrue();
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("{\"analysisId\":\"a-1\"}");
        engine.verify(1, postRequestedFor(urlEqualTo((batch ? "/v1/analyses/batch" : "/v1/analyses") + "?userId=42"))
                .withRequestBody(binaryEqualTo(body)));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 422, 500})
    void a_write_the_engine_refuses_comes_back_with_its_status_and_body(int status) {
        engine.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status).withBody("{\"error\":\"no\"}")));

        EngineReply reply = client.submitAnalyses(USER, "{}".getBytes(StandardCharsets.UTF_8), false);

        assertThat(reply.status()).isEqualTo(status);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"no\"}");
    }

    @Test
    void a_write_that_cannot_reach_the_engine_throws_like_a_read() throws IOException {
        SourceUnavailableException failure = catchThrowableOfType(SourceUnavailableException.class,
                () -> clientFor(nothingListening()).putPreferences(USER, "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(failure.reason()).isEqualTo(Reason.UNREACHABLE);
    }

    @Test
    void health_is_up_before_any_call_and_says_so() {
        DependencyHealth health = client.check();

        assertThat(health.name()).isEqualTo("engine");
        assertThat(health.state()).isEqualTo(DependencyHealth.State.UP);
        assertThat(health.detail()).contains("no call");
    }

    @Test
    void health_follows_the_latest_call_from_success_to_failure_and_back() {
        engine.stubFor(get(urlPathEqualTo("/v1/overview")).willReturn(aResponse().withStatus(200).withBody("{}")));
        engine.stubFor(get(urlPathEqualTo("/v1/system_status")).willReturn(aResponse().withStatus(503)));

        client.fetch(OVERVIEW);
        assertThat(client.check().state()).isEqualTo(DependencyHealth.State.UP);

        assertThatThrownBy(() -> client.fetch(CacheKey.global(DataType.SYSTEM_STATUS)))
                .isInstanceOf(SourceUnavailableException.class);
        assertThat(client.check().state()).isEqualTo(DependencyHealth.State.DEGRADED);
        assertThat(client.check().detail()).contains("503").contains("system_status");

        client.fetch(OVERVIEW);
        assertThat(client.check().state()).isEqualTo(DependencyHealth.State.UP);
    }

    @Test
    void health_is_degraded_after_the_engine_could_not_be_reached() throws IOException {
        EngineHttpClient unreachable = clientFor(nothingListening());
        assertThatThrownBy(() -> unreachable.fetch(OVERVIEW)).isInstanceOf(SourceUnavailableException.class);

        assertThat(unreachable.check().state()).isEqualTo(DependencyHealth.State.DEGRADED);
        assertThat(unreachable.check().detail()).contains("cannot be reached");
    }

    @Test
    void a_base_url_that_is_not_http_is_refused_at_construction() {
        assertThatThrownBy(() -> EngineClientSettings.of(URI.create("ftp://engine")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
        assertThatThrownBy(() -> EngineClientSettings.of(URI.create("http://engine/?x=1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query");
    }

    private SourceUnavailableException fetchFailure() {
        SourceUnavailableException failure = catchThrowableOfType(SourceUnavailableException.class,
                () -> client.fetch(OVERVIEW));
        assertThat(failure).as("fetch must fail").isNotNull();
        return failure;
    }

    /** A port that was free a moment ago: nothing listens there, so a connection is refused. */
    private static URI nothingListening() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
