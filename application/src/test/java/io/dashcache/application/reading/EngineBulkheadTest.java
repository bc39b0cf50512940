package io.dashcache.application.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dashcache.application.port.out.reading.DashboardSource;
import io.dashcache.application.port.out.reading.SourceAnswer;
import io.dashcache.application.port.out.reading.SourceUnavailableException;
import io.dashcache.application.testing.ScriptedSource;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineBulkheadTest {

    private static final CacheKey KEY = CacheKey.forUser(DataType.OVERVIEW, UserId.of("42"));

    private final ScriptedSource engine = new ScriptedSource();
    private final EngineBulkhead bulkhead = new EngineBulkhead(2, Duration.ofMillis(50));
    private final DashboardSource bounded = key -> bulkhead.fetch(key, engine);
    private final ExecutorService callers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopCallers() throws InterruptedException {
        engine.release();
        callers.shutdownNow();
        assertThat(callers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void a_load_passes_through_when_a_slot_is_free() {
        assertThat(bounded.fetch(KEY)).isInstanceOf(SourceAnswer.Found.class);
        assertThat(bulkhead.inFlight()).isZero();
    }

    @Test
    void a_load_beyond_the_bound_fails_fast_as_unavailable_instead_of_waiting_for_a_slow_engine() {
        engine.hold();
        List<Future<SourceAnswer>> held = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            held.add(callers.submit(() -> bounded.fetch(KEY)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> bulkhead.inFlight() == 2);

        long started = System.nanoTime();
        assertThatThrownBy(() -> bounded.fetch(KEY)).isInstanceOf(SourceUnavailableException.class)
                .satisfies(e -> assertThat(((SourceUnavailableException) e).reason())
                        .isEqualTo(SourceUnavailableException.Reason.UNREACHABLE))
                .hasMessageContaining("engine slots are busy");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(engine.calls()).isEqualTo(2);
        engine.release();
        held.forEach(future -> assertThat(future).succeedsWithin(Duration.ofSeconds(5)));
        assertThat(bulkhead.inFlight()).isZero();
    }

    @Test
    void a_failing_load_gives_its_slot_back() {
        engine.fail(SourceUnavailableException.Reason.FAILING);

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> bounded.fetch(KEY)).isInstanceOf(SourceUnavailableException.class)
                    .hasMessageContaining("FAILING");
        }

        assertThat(bulkhead.inFlight()).isZero();
    }
}
