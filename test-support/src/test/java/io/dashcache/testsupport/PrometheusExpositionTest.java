package io.dashcache.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusExpositionTest {

    private static final String VALID = """
            # HELP reads_total Reads, by "outcome" \\\\ and a newline \\n escaped
            # TYPE reads_total counter
            reads_total{outcome="L1_HIT",type="overview"} 3.0
            reads_total{outcome="MISS",type="a \\"quoted\\" \\\\ value"} 1.0 1700000000000
            # TYPE latency_seconds histogram
            latency_seconds_bucket{type="overview",le="0.001"} 2
            latency_seconds_bucket{type="overview",le="0.1"} 3
            latency_seconds_bucket{type="overview",le="+Inf"} 4
            latency_seconds_count{type="overview"} 4
            latency_seconds_sum{type="overview"} 1.5e-1
            # TYPE size gauge
            size NaN
            # a plain comment
            untyped_thing -Inf
            """;

    @Test
    void a_valid_exposition_reads_into_families_and_samples() {
        PrometheusExposition exposition = PrometheusExposition.parse(VALID);

        assertThat(exposition.families()).containsOnlyKeys("reads_total", "latency_seconds", "size", "untyped_thing");
        assertThat(exposition.family("latency_seconds").type()).isEqualTo("histogram");
        assertThat(exposition.family("reads_total").help()).startsWith("Reads, by");
        assertThat(exposition.value("reads_total", Map.of("outcome", "L1_HIT"))).isEqualTo(3.0);
        assertThat(exposition.value("reads_total", Map.of("outcome", "MISS"))).isEqualTo(1.0);
        assertThat(exposition.family("reads_total").samples().get(1).labels().get("type")).isEqualTo("a \"quoted\" \\ value");
        assertThat(exposition.value("latency_seconds_sum", Map.of())).isEqualTo(0.15);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "reads_total{outcome=L1_HIT} 3",                 // unquoted label value
        "reads total 3",                                 // space in the name
        "reads_total 3 4 5",                             // too many fields
        "reads_total{outcome=\"x\"}",                    // no value
        "reads_total three",                             // not a number
        "# TYPE reads_total countr",                     // unknown type
        "# HELP reads-total text",                       // bad name
        "9reads 1"                                       // name starts with a digit
    })
    void a_line_outside_the_grammar_is_refused(String line) {
        assertThatThrownBy(() -> PrometheusExposition.parse(line + "\n"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("line 1");
    }

    @Test
    void a_histogram_whose_buckets_decrease_is_refused() {
        String text = """
                # TYPE h histogram
                h_bucket{le="1"} 5
                h_bucket{le="2"} 4
                h_bucket{le="+Inf"} 5
                h_count 5
                h_sum 1
                """;

        assertThatThrownBy(() -> PrometheusExposition.parse(text)).hasMessageContaining("never decrease");
    }

    @Test
    void a_histogram_whose_count_differs_from_its_inf_bucket_is_refused() {
        String text = """
                # TYPE h histogram
                h_bucket{le="1"} 5
                h_bucket{le="+Inf"} 6
                h_count 7
                h_sum 1
                """;

        assertThatThrownBy(() -> PrometheusExposition.parse(text)).hasMessageContaining("differs from the +Inf bucket");
    }

    @Test
    void a_histogram_without_an_inf_bucket_is_refused() {
        String text = """
                # TYPE h histogram
                h_bucket{le="1"} 5
                h_count 5
                h_sum 1
                """;

        assertThatThrownBy(() -> PrometheusExposition.parse(text)).hasMessageContaining("+Inf");
    }

    @Test
    void interleaved_families_are_refused() {
        String text = """
                # TYPE a counter
                # TYPE b counter
                a 1
                b 1
                a 2
                """;

        assertThatThrownBy(() -> PrometheusExposition.parse(text)).hasMessageContaining("line 5");
    }
}
