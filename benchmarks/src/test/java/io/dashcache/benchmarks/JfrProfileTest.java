package io.dashcache.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JfrProfileTest {

    @Test
    void a_thread_seen_at_the_start_counts_its_difference_and_one_started_later_all_it_allocated() {
        JfrProfile.ThreadAllocation early = new JfrProfile.ThreadAllocation(1_000, 500, 31_000, 2_500)
                .span(new JfrProfile.ThreadAllocation(1_000, 500, 1_000, 500));
        JfrProfile.ThreadAllocation later = new JfrProfile.ThreadAllocation(31_000, 700, 31_000, 700);
        JfrProfile.ThreadAllocation ended = new JfrProfile.ThreadAllocation(1_000, 900, 1_000, 900);

        assertThat(JfrProfile.allocated(List.of(early, later, ended))).isEqualTo(2_000 + 700);
    }

    @Test
    void two_statistics_of_a_thread_read_out_of_order_still_span_first_to_last() {
        JfrProfile.ThreadAllocation last = new JfrProfile.ThreadAllocation(9_000, 90, 9_000, 90);
        JfrProfile.ThreadAllocation first = new JfrProfile.ThreadAllocation(1_000, 10, 1_000, 10);

        assertThat(last.span(first)).isEqualTo(new JfrProfile.ThreadAllocation(1_000, 10, 9_000, 90));
    }

    @Test
    void a_sample_belongs_to_the_first_library_from_the_top_that_is_not_the_jdk() {
        assertThat(JfrProfile.libraryOf(List.of("java.util.HashMap.get", "com.fasterxml.jackson.core.JsonParser.next",
                "io.dashcache.adapters.http.in.Json.read"))).isEqualTo("JSON (Jackson)");
        assertThat(JfrProfile.libraryOf(List.of("sun.nio.ch.SocketDispatcher.write",
                "jdk.internal.net.http.SocketTube.write"))).isEqualTo("engine HTTP client (java.net.http)");
        assertThat(JfrProfile.libraryOf(List.of("java.lang.Thread.run"))).isEqualTo("JDK");
    }
}
