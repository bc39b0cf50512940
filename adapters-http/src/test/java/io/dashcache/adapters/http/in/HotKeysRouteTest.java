package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HotKeysRouteTest extends HotKeysServer {

    @Test
    void the_hot_keys_are_answered_most_read_first_with_each_part_of_the_key_and_its_estimate() {
        HttpResponse<byte[]> response = get("/api/cache/hot-keys");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(hotKeys.limits).containsExactly(20);
        JsonNode body = json(response);
        assertThat(body.path("limit").asInt()).isEqualTo(20);
        JsonNode keys = body.path("keys");
        assertThat(keys).hasSize(3);
        assertThat(keys.get(0).toString()).isEqualTo("{\"key\":\"widget_data:user:42:heatmap\",\"type\":\"widget_data\","
                + "\"userId\":\"42\",\"widget\":\"heatmap\",\"estimatedReads\":40}");
        assertThat(keys.get(1).toString()).isEqualTo(
                "{\"key\":\"analytics:7d\",\"type\":\"analytics\",\"period\":\"7d\",\"estimatedReads\":25}");
        assertThat(keys.get(2).toString()).isEqualTo(
                "{\"key\":\"system_status\",\"type\":\"system_status\",\"estimatedReads\":3}");
    }

    @Test
    void the_limit_is_passed_to_the_port_from_one_to_a_thousand() {
        assertThat(json(get("/api/cache/hot-keys?limit=2")).path("keys")).hasSize(2);
        assertThat(get("/api/cache/hot-keys?limit=1").statusCode()).isEqualTo(200);
        assertThat(get("/api/cache/hot-keys?limit=1000").statusCode()).isEqualTo(200);

        assertThat(hotKeys.limits).containsExactly(2, 1, 1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "-1", "abc", "1.5", "", "+5", "99999", "%3Cscript%3E", "20&limit=30"})
    void a_limit_that_is_not_a_whole_number_from_1_to_1000_is_a_400(String limit) {
        String detail = assertError(get("/api/cache/hot-keys?limit=" + limit), 400, "invalid_request");

        assertThat(detail).contains("limit");
        assertThat(hotKeys.limits).isEmpty();
    }

    @Test
    void only_get_is_allowed() {
        assertError(post("/api/cache/hot-keys", "{}"), 405, "method_not_allowed");
    }
}
