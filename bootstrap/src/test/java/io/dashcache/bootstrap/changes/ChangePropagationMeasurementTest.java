package io.dashcache.bootstrap.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.bootstrap.Dashcache;
import io.dashcache.testsupport.EventStreamClient;
import io.dashcache.testsupport.EventStreamClient.Event;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How long from an XADD to the engine-event stream until the change is on an open change stream
 * of another instance: instance B consumes the stream and applies the event, its broadcast reaches
 * instance A, and A writes the event to the client. docs/benchmarks.md quotes what this prints:
 *
 * <pre>
 * mvn -B -o verify -pl bootstrap -am -Dtest=ChangePropagationMeasurementTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class ChangePropagationMeasurementTest {

    private static final int WARM_UP = 50;
    private static final int MEASURED = 400;
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final ChangeStreamCluster cluster = new ChangeStreamCluster();

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void a_detection_added_to_the_event_stream_reaches_a_client_on_another_instance_within_milliseconds() {
        Dashcache a = cluster.startNotReadingEvents();
        cluster.startReadingEvents();
        cluster.awaitEveryInstanceSubscribed();
        EventStreamClient onA = cluster.openStream(a, "X-User-Id", "42");
        onA.awaitComment("connected", PATIENCE);

        long[] micros = new long[MEASURED];
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            String eventId = "e-measure-" + i;
            long added = System.nanoTime();
            cluster.addDetection(eventId, "42");
            Event first = onA.nextEvent(PATIENCE);
            assertThat(first.data()).as("the user's overview comes first")
                    .isEqualTo("{\"type\":\"overview\",\"scope\":\"user\",\"eventId\":\"" + eventId + "\"}");
            if (i >= WARM_UP) {
                micros[i - WARM_UP] = (first.receivedNanos() - added) / 1_000;
            }
            for (int rest = 0; rest < 5; rest++) {
                assertThat(onA.nextEvent(PATIENCE).data()).contains(eventId);
            }
        }

        Arrays.sort(micros);
        double median = micros[MEASURED / 2] / 1000.0;
        double p99 = micros[(int) Math.ceil(MEASURED * 0.99) - 1] / 1000.0;
        double max = micros[MEASURED - 1] / 1000.0;
        System.out.printf(Locale.ROOT, "sse-propagation: median=%.2f ms p99=%.2f ms max=%.2f ms (%d events, XADD on "
                + "the stream instance B consumes -> event on a stream open on instance A)%n", median, p99, max, MEASURED);
        assertThat(median).as("median ms").isLessThan(50);
        assertThat(p99).as("p99 ms").isLessThan(250);
    }
}
