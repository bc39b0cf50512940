package io.dashcache.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How long an engine event takes to show on every instance: from the XADD to the moment both
 * instances answer the new data. Printed as {@code invalidation-propagation: ...}; asserted is
 * that every event became visible everywhere (and nothing went back), with only a generous bound
 * on the time.
 */
class InvalidationPropagationTest extends TwoInstancesTest {

    private static final int EVENTS = 200;
    private static final Duration SANITY_BOUND = Duration.ofSeconds(2);

    @Test
    void every_one_of_200_detection_events_becomes_visible_on_both_instances() {
        ApiRead overview = ApiRead.overview("42");
        engine.answers(overview.engine(), overview.body("v0"));
        new Convergence(List.of(a, b), overview).awaitEverywhere(overview.body("v0"), SANITY_BOUND);

        List<Long> propagation = new ArrayList<>(EVENTS);
        for (int i = 1; i <= EVENTS; i++) {
            String before = overview.body("v" + (i - 1));
            String after = overview.body("v" + i);
            // the instance polled first after the event loads (MISS), the other takes it from L2: alternate them
            Convergence both = new Convergence(i % 2 == 0 ? List.of(a, b) : List.of(b, a), overview);
            engine.answers(overview.engine(), after);

            long added = System.nanoTime();
            instances.redis().publishEvent(instances.eventsStream(), EngineEvents.detectionCreated("42"));
            long visible = both.awaitEverywhere(after, SANITY_BOUND);
            propagation.add(visible - added);
            both.keepReading(after, 1);

            both.assertMovedOnlyForward(before, after);
        }

        List<Long> sorted = propagation.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
        System.out.printf("invalidation-propagation: events=%d median=%.2fms p99=%.2fms max=%.2fms%n",
                sorted.size(), millis(median), millis(p99), millis(sorted.get(sorted.size() - 1)));
        assertThat(propagation).hasSize(EVENTS);
        assertThat(Duration.ofNanos(p99)).isLessThan(SANITY_BOUND);
        assertThat(engine.requestsFor(overview.engine())).as("one load per version").hasSize(EVENTS + 1);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
