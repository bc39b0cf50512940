package io.dashcache.bootstrap.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.bootstrap.Dashcache;
import io.dashcache.testsupport.EventStreamClient;
import io.dashcache.testsupport.EventStreamClient.Event;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A dashboard told of a change re-reads what it names: with refresh on invalidation, on every instance
 * that re-read is an L1 hit on the new data (the notice waited for it); with it off (the default) the
 * notice comes at once, and the re-read goes past L1. Either way it never answers data from before.
 */
class FreshChangeNoticesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String OVERVIEW = "/api/dashboard/overview";

    private final ChangeStreamCluster cluster = new ChangeStreamCluster();

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void with_refresh_on_invalidation_each_instance_tells_the_change_once_the_re_read_is_an_l1_hit_on_new_data() {
        // a bound far beyond a refresh, so only a notice sent before its value was fresh fails this
        String[] refreshOn = {"DASHCACHE_REFRESH_ON_INVALIDATION_PER_SECOND", "100", "DASHCACHE_SSE_FRESH_WAIT_MS", "1000"};
        Dashcache a = cluster.startReadingEvents(refreshOn);
        Dashcache b = cluster.startNotReadingEvents(refreshOn);
        cluster.awaitEveryInstanceSubscribed();
        for (int round = 1; round <= 5; round++) {
            cluster.engineAnswers("{\"round\":" + round + "}");
            EventStreamClient onA = connected(a);
            EventStreamClient onB = connected(b);
            assertThat(cluster.read(a, OVERVIEW, "42").body()).isEqualTo("{\"round\":" + round + "}");
            assertThat(cluster.read(b, OVERVIEW, "42").body()).isEqualTo("{\"round\":" + round + "}");
            cluster.engineAnswers("{\"round\":" + (round + 1) + "}");

            cluster.addDetection("e-fresh-" + round, "42");

            for (Dashcache instance : new Dashcache[] {a, b}) {
                awaitOverviewChange(instance == a ? onA : onB, "e-fresh-" + round);
                HttpResponse<String> reRead = cluster.read(instance, OVERVIEW, "42");
                assertThat(reRead.body()).isEqualTo("{\"round\":" + (round + 1) + "}");
                assertThat(reRead.headers().firstValue("X-Cache")).as("round %d on %s", round, instance == a ? "a (applied it)" : "b").hasValue("L1_HIT");
            }
            onA.close();
            onB.close();
        }
        // the overview's five, and the parts the warmer took into L1 with it (warm on first read)
        assertThat(notices(b, "hit")).isGreaterThanOrEqualTo(5);
    }

    @Test
    void with_refresh_off_the_change_is_told_at_once_and_the_re_read_goes_past_l1_to_the_new_data() {
        Dashcache a = cluster.startReadingEvents();
        Dashcache b = cluster.startNotReadingEvents();
        cluster.awaitEveryInstanceSubscribed();
        cluster.engineAnswers("{\"round\":1}");
        EventStreamClient onB = connected(b);
        cluster.read(a, OVERVIEW, "42");
        cluster.read(b, OVERVIEW, "42");
        cluster.engineAnswers("{\"round\":2}");

        cluster.addDetection("e-at-once", "42");

        Event told = onB.nextEvent(PATIENCE);
        assertThat(told.data()).as("the user's own parts first, as always").contains("\"type\":\"overview\"");
        HttpResponse<String> reRead = cluster.read(b, OVERVIEW, "42");
        assertThat(reRead.body()).isEqualTo("{\"round\":2}");
        assertThat(reRead.headers().firstValue("X-Cache")).isNotEqualTo(java.util.Optional.of("L1_HIT"));
        assertThat(notices(b, "miss")).as("the six parts of a detection").isEqualTo(6);
        assertThat(notices(b, "hit")).isZero();
    }

    /** {@code dashcache_change_notices_total{reread=...}} on the instance. */
    private double notices(Dashcache instance, String reread) {
        Matcher value = Pattern.compile("dashcache_change_notices_total\\{reread=\"" + reread + "\"} (\\S+)")
                .matcher(cluster.get(instance, "/metrics"));
        assertThat(value.find()).as("the metric is exposed").isTrue();
        return Double.parseDouble(value.group(1));
    }

    private EventStreamClient connected(Dashcache instance) {
        EventStreamClient stream = cluster.openStream(instance, "X-User-Id", "42");
        assertThat(stream.status()).isEqualTo(200);
        stream.awaitComment("connected", PATIENCE);
        return stream;
    }

    /** The parts the overview did not concern may come first: they had nothing in L1 to wait for. */
    private static void awaitOverviewChange(EventStreamClient stream, String eventId) {
        for (int i = 0; i < 6; i++) {
            Event event = stream.nextEvent(PATIENCE);
            if (event.data().equals("{\"type\":\"overview\",\"scope\":\"user\",\"eventId\":\"" + eventId + "\"}")) {
                return;
            }
        }
        throw new AssertionError("no overview change for " + eventId);
    }
}
