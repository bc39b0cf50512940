package io.dashcache.application.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleFlightHandOverTest {

    private final SingleFlight<String, String> flights =
            new SingleFlight<>(Duration.ofSeconds(5), () -> new IllegalStateException("waited too long"));
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void a_waiter_on_a_load_that_ends_without_a_value_runs_its_own() throws Exception {
        CountDownLatch leaderMayFinish = new CountDownLatch(1);
        AtomicInteger ownLoads = new AtomicInteger();
        flights.runInBackground("k", () -> {
            awaitRelease(leaderMayFinish);
            return Optional.empty(); // e.g. a refresh that left the load to another instance
        }, pool);
        AtomicReference<Thread> waiterThread = new AtomicReference<>();
        Future<String> waiter = pool.submit(() -> {
            waiterThread.set(Thread.currentThread());
            return flights.run("k", () -> {
                ownLoads.incrementAndGet();
                return Optional.of("loaded by the waiter");
            }).orElseThrow();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> waiterThread.get() != null
                && waiterThread.get().getState() == Thread.State.TIMED_WAITING);
        assertThat(ownLoads).as("it waits while the first load runs").hasValue(0);

        leaderMayFinish.countDown();

        assertThat(waiter.get(5, TimeUnit.SECONDS)).isEqualTo("loaded by the waiter");
        assertThat(ownLoads).hasValue(1);
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new AssertionError("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
