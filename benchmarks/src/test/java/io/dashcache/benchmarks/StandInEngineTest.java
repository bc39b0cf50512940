package io.dashcache.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StandInEngineTest {

    @Test
    void an_answer_is_one_json_object_of_the_size_asked_naming_the_query() throws Exception {
        byte[] body = StandInEngine.body("widget_data", "userId=u1&widget=heatmap", 330);

        assertThat(body).hasSize(330);
        assertThat(new ObjectMapper().readTree(body).get("query").asText()).isEqualTo("userId=u1&widget=heatmap");
    }

    @Test
    void names_longer_than_the_size_make_a_longer_answer_never_a_broken_one() throws Exception {
        byte[] body = StandInEngine.body("overview", "userId=" + "u".repeat(64), 10);

        assertThat(new ObjectMapper().readTree(new String(body, StandardCharsets.UTF_8)).get("type").asText())
                .isEqualTo("overview");
    }
}
