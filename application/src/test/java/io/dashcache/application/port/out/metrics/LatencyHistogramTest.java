package io.dashcache.application.port.out.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.application.testing.RecordingMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    private static List<Long> millis(long value, int times) {
        return new ArrayList<>(Collections.nCopies(times, Duration.ofMillis(value).toNanos()));
    }

    @Test
    void a_quantile_is_interpolated_inside_its_bucket_as_prometheus_does() {
        List<Long> observations = millis(1, 80);          // le=1ms: 80
        observations.addAll(millis(150, 20));              // le=200ms: 100

        LatencyHistogram histogram = RecordingMetrics.histogram(observations);

        // rank 95 lies 15 of 20 into the (100 ms, 200 ms] bucket
        assertThat(histogram.quantile(0.95)).isEqualTo(Duration.ofMillis(175));
        // rank 50 lies 50 of 80 into the [0, 1 ms] bucket
        assertThat(histogram.quantile(0.50)).isEqualTo(Duration.ofNanos(625_000));
        assertThat(histogram.quantile(1.0)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void a_quantile_above_the_last_bound_is_that_bound() {
        LatencyHistogram histogram = RecordingMetrics.histogram(millis(5_000, 10));

        assertThat(histogram.count()).isEqualTo(10);
        assertThat(histogram.quantile(0.5)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void an_empty_histogram_has_no_quantile() {
        assertThat(LatencyHistogram.EMPTY.quantile(0.95)).isNull();
        assertThat(RecordingMetrics.histogram(List.of()).quantile(0.95)).isNull();
    }

    @Test
    void the_difference_of_two_snapshots_holds_only_what_came_between() {
        List<Long> observations = millis(150, 50);
        LatencyHistogram before = RecordingMetrics.histogram(observations);
        observations.addAll(millis(3, 100));
        LatencyHistogram after = RecordingMetrics.histogram(observations);

        LatencyHistogram window = after.minus(before);

        assertThat(window).isEqualTo(RecordingMetrics.histogram(millis(3, 100)));
        assertThat(window.quantile(0.99).toMillis()).isBetween(1L, 5L);
        assertThat(after.minus(LatencyHistogram.EMPTY)).isEqualTo(after);
    }

    @Test
    void two_histograms_with_the_same_bounds_add_up() {
        LatencyHistogram fast = RecordingMetrics.histogram(millis(1, 10));
        LatencyHistogram slow = RecordingMetrics.histogram(millis(400, 10));

        LatencyHistogram both = fast.plus(slow);

        assertThat(both.count()).isEqualTo(20);
        assertThat(both.sumNanos()).isEqualTo(Duration.ofMillis(4010).toNanos());
        assertThat(both.quantile(0.5)).isEqualTo(Duration.ofMillis(1));
        assertThat(LatencyHistogram.EMPTY.plus(fast)).isEqualTo(fast);
    }

    @Test
    void histograms_with_different_bounds_are_not_combined() {
        LatencyHistogram other = new LatencyHistogram(new long[] {7}, new long[] {1}, 1, 7);

        assertThatThrownBy(() -> RecordingMetrics.histogram(millis(1, 1)).plus(other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different bucket bounds");
    }

    @Test
    void an_inconsistent_histogram_is_refused() {
        assertThatThrownBy(() -> new LatencyHistogram(new long[] {2, 1}, new long[] {0, 0}, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyHistogram(new long[] {1, 2}, new long[] {3, 2}, 3, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyHistogram(new long[] {1}, new long[] {5}, 4, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_arrays_it_hands_out_are_copies() {
        LatencyHistogram histogram = RecordingMetrics.histogram(millis(1, 3));

        histogram.cumulativeCounts()[0] = 99;

        assertThat(histogram.cumulativeCounts()[0]).isEqualTo(3);
    }
}
