package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcache.application.port.in.warming.WarmCache;
import io.dashcache.application.port.in.warming.WarmRequest;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Period;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CacheWarmRoutesTest extends RunningServer {

    private static final UserId USER = UserId.of("42");

    /** Records the requests; answers a fixed receipt and fixed stats. */
    private static final class RecordingWarmer implements WarmCache {
        final List<WarmRequest> requests = new CopyOnWriteArrayList<>();

        @Override
        public Receipt warm(WarmRequest request) {
            requests.add(request);
            return new Receipt(14, 1, 2);
        }

        @Override
        public Stats stats() {
            return new Stats(3, 10_000, 2, 4, 200, 40, 7, 1, 2, 5);
        }
    }

    private final RecordingWarmer warmer = new RecordingWarmer();

    @Override
    List<RouteRegistrar> moreRoutes(HttpSettings settings) {
        return List.of(new CacheWarmRoutes(warmer, settings));
    }

    @BeforeEach
    void forget() {
        warmer.requests.clear();
    }

    static Stream<Arguments> warmRequests() {
        return Stream.of(
                Arguments.of("{\"userId\":\"42\"}", new WarmRequest.Dashboard(USER)),
                Arguments.of("{\"userId\":42}", new WarmRequest.Dashboard(USER)),
                Arguments.of("{\"type\":\"system_status\"}", new WarmRequest.OfType(DataType.SYSTEM_STATUS, null)),
                Arguments.of("{\"type\":\"analytics\"}", new WarmRequest.OfType(DataType.ANALYTICS, null)),
                Arguments.of("{\"type\":\"analytics\",\"period\":\"7d\"}",
                        new WarmRequest.OneKey(CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_WEEK))),
                Arguments.of("{\"type\":\"overview\",\"userId\":\"42\"}", new WarmRequest.OfType(DataType.OVERVIEW, USER)),
                Arguments.of("{\"type\":\"widget_data\",\"userId\":\"42\"}",
                        new WarmRequest.OfType(DataType.WIDGET_DATA, USER)),
                Arguments.of("{\"type\":\"widget_data\",\"userId\":\"42\",\"widget\":\"heatmap\"}",
                        new WarmRequest.OneKey(CacheKey.widget(USER, WidgetType.of("heatmap")))),
                Arguments.of("{\"hottest\":100}", new WarmRequest.Hottest(100)),
                Arguments.of("{\"hottest\":1000}", new WarmRequest.Hottest(1000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("warmRequests")
    void a_warm_body_becomes_its_request_and_is_answered_202_with_the_receipt(String body, WarmRequest expected) {
        HttpResponse<byte[]> response = post("/api/cache/warm", body);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(warmer.requests).containsExactly(expected);
        JsonNode receipt = json(response);
        assertThat(receipt.path("queued").asInt()).isEqualTo(14);
        assertThat(receipt.path("alreadyQueued").asInt()).isEqualTo(1);
        assertThat(receipt.path("dropped").asInt()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"user\":\"42\"}", "{\"type\":\"overview\"}", "{\"type\":\"everything\"}",
            "{\"type\":\"system_status\",\"userId\":\"42\"}", "{\"hottest\":0}", "{\"hottest\":1001}",
            "{\"hottest\":\"ten\"}", "{\"hottest\":2.5}", "{\"hottest\":10,\"userId\":\"42\"}",
            "{\"type\":\"overview\",\"period\":\"7d\",\"userId\":\"42\"}", "{\"type\":\"analytics\",\"period\":\"2w\"}",
            "{\"type\":\"analytics\",\"period\":\"7d\",\"userId\":\"42\"}", "{\"period\":\"7d\"}",
            "{\"type\":\"overview\",\"userId\":\"42\",\"widget\":\"heatmap\"}",
            "{\"type\":\"widget_data\",\"widget\":\"heatmap\"}", "{\"userId\":\"a*b\"}", "[{\"userId\":\"42\"}]"})
    void a_warm_body_that_names_nothing_valid_is_a_400(String body) {
        assertError(post("/api/cache/warm", body), 400, "invalid_request");

        assertThat(warmer.requests).isEmpty();
    }

    @Test
    void a_warm_body_that_is_not_json_is_a_400() {
        assertError(post("/api/cache/warm", "userId=42"), 400, "malformed_json");
    }

    @Test
    void the_warmers_state_is_readable() {
        HttpResponse<byte[]> response = get("/api/cache/warm");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode stats = json(response);
        assertThat(stats.path("queueLength").asInt()).isEqualTo(3);
        assertThat(stats.path("queueCapacity").asInt()).isEqualTo(10_000);
        assertThat(stats.path("inFlight").asInt()).isEqualTo(2);
        assertThat(stats.path("concurrency").asInt()).isEqualTo(4);
        assertThat(stats.path("ratePerSecond").asDouble()).isEqualTo(200);
        assertThat(stats.path("warmed").asLong()).isEqualTo(40);
        assertThat(stats.path("alreadyFresh").asLong()).isEqualTo(7);
        assertThat(stats.path("loadingElsewhere").asLong()).isEqualTo(1);
        assertThat(stats.path("failed").asLong()).isEqualTo(2);
        assertThat(stats.path("dropped").asLong()).isEqualTo(5);
        assertThat(stats.has("idle")).isFalse();
    }
}
