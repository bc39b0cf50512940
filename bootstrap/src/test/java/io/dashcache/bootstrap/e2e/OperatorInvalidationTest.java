package io.dashcache.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.bootstrap.Dashcache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/cache/invalidate}, sent to instance A: what it names is dropped on A and on B
 * (their next read goes past L1 and loads the engine's current data, the first of them a MISS), and
 * what it does not name stays an L1 hit on both.
 */
class OperatorInvalidationTest extends TwoInstancesTest {

    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(2);

    @Test
    void invalidating_a_user_reloads_all_of_that_users_reads_on_both_instances() {
        assertThatInvalidating("{\"userId\":\"42\"}", ApiRead.ofUserOnly("42"),
                List.of(ApiRead.systemStatus(), ApiRead.analytics("7d"), ApiRead.overview("7")));
    }

    @Test
    void invalidating_the_system_status_type_reloads_the_system_status_on_both_instances() {
        assertThatInvalidating("{\"type\":\"system_status\"}", List.of(ApiRead.systemStatus()),
                List.of(ApiRead.performanceMetrics(), ApiRead.overview("42")));
    }

    @Test
    void invalidating_the_overview_type_reloads_every_users_overview_on_both_instances() {
        assertThatInvalidating("{\"type\":\"overview\"}", List.of(ApiRead.overview("42"), ApiRead.overview("7")),
                List.of(ApiRead.notifications("42"), ApiRead.systemStatus()));
    }

    @Test
    void invalidating_all_reloads_everything_on_both_instances() {
        List<ApiRead> everything = new ArrayList<>(ApiRead.everyKey("42"));
        everything.add(ApiRead.overview("7"));
        assertThatInvalidating("{\"all\":true}", everything, List.of());
    }

    private void assertThatInvalidating(String request, List<ApiRead> named, List<ApiRead> untouched) {
        List<ApiRead> all = new ArrayList<>(named);
        all.addAll(untouched);
        all.forEach(this::cacheOldDataOnBoth);
        all.forEach(read -> engine.answers(read.engine(), read.body("new")));

        Reply answer = Api.post(a, "/api/cache/invalidate", request);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);

        for (int i = 0; i < named.size(); i++) {
            ApiRead read = named.get(i);
            // alternate which instance reads first, so each shows a MISS for some and an L2 hit of that load for others
            Dashcache first = i % 2 == 0 ? a : b;
            Dashcache second = first == a ? b : a;
            assertThat(firstNewAnswer(first, read).cache()).as("%s on the instance reading first", read.name())
                    .isEqualTo("MISS");
            assertThat(firstNewAnswer(second, read).cache()).as("%s on the instance reading second", read.name())
                    .isEqualTo("L2_HIT");
            assertThat(engine.requestsFor(read.engine())).as("engine requests for %s", read.name()).hasSize(2);
        }
        // the named reads on B show that A's broadcast has arrived: what it did not name is still in L1
        for (ApiRead read : untouched) {
            for (Dashcache instance : List.of(a, b)) {
                Reply reply = Api.get(instance, read);
                assertThat(reply.cache()).as("%s, not named: %s", read.name(), reply).isEqualTo("L1_HIT");
                assertThat(reply.text()).isEqualTo(read.body("old"));
            }
        }
    }

    /**
     * The first answer with the new data; A drops its L1 before answering the operator, B when the
     * broadcast arrives, so B may answer from L1 for a few milliseconds more, never after.
     */
    private Reply firstNewAnswer(Dashcache instance, ApiRead read) {
        Convergence reads = new Convergence(List.of(instance), read);
        reads.awaitEverywhere(read.body("new"), VISIBLE_WITHIN);
        reads.keepReading(read.body("new"), 3);
        reads.assertMovedOnlyForward(read.body("old"), read.body("new"));
        if (instance == a) {
            assertThat(reads.firstAnswerWith(a, read.body("new")))
                    .as("A dropped its copy of %s before it answered the operator", read.name())
                    .isSameAs(reads.firstAnswer(a));
        }
        return reads.firstAnswerWith(instance, read.body("new"));
    }

    /** B loads the old data (MISS), A takes it from L2; then both answer it from L1. */
    private void cacheOldDataOnBoth(ApiRead read) {
        engine.answers(read.engine(), read.body("old"));
        assertThat(Api.get(b, read).cache()).isEqualTo("MISS");
        assertThat(Api.get(a, read).cache()).isEqualTo("L2_HIT");
        for (Dashcache instance : List.of(a, b)) {
            Reply reply = Api.get(instance, read);
            assertThat(reply.cache()).isEqualTo("L1_HIT");
            assertThat(reply.text()).isEqualTo(read.body("old"));
        }
    }
}
