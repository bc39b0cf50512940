package io.dashcache.application.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SingleFlightTest {

    private static final Duration PATIENT = Duration.ofSeconds(10);

    private final SingleFlight<String, String> flight =
            new SingleFlight<>(PATIENT, () -> new IllegalStateException("waited too long (test)"));
    private final AtomicInteger loads = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private final List<Runnable> queued = new ArrayList<>();
    private final Executor queue = queued::add;

    @AfterEach
    void stopThreads() throws InterruptedException {
        release.countDown();
        joinAll();
    }

    private void joinAll() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    /** A loader that counts itself, then blocks until the test releases it, then answers {@code value-n}. */
    private Supplier<Optional<String>> heldLoader() {
        return () -> {
            int n = loads.incrementAndGet();
            awaitRelease();
            return Optional.of("value-" + n);
        };
    }

    private Supplier<Optional<String>> countingLoader(String value) {
        return () -> {
            loads.incrementAndGet();
            return Optional.of(value);
        };
    }

    private void awaitRelease() {
        try {
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never released the load");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code key} in a new thread; what it returns or throws ends up in {@code outcome}. */
    private Thread caller(String key, Supplier<Optional<String>> loader, AtomicReference<Object> outcome) {
        Thread thread = new Thread(() -> {
            try {
                outcome.set(flight.run(key, loader).orElse(null));
            } catch (RuntimeException | Error e) {
                outcome.set(e);
            }
        }, "caller-" + threads.size());
        threads.add(thread);
        thread.start();
        return thread;
    }

    private static ConditionFactory soon() {
        return await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1));
    }

    /** A follower parks in a timed wait on the leader's future; the leader's loader waits untimed. */
    private static void awaitWaiting(Thread thread) {
        soon().until(() -> thread.getState() == Thread.State.TIMED_WAITING);
    }

    private void startLeader(String key, AtomicReference<Object> outcome) {
        caller(key, heldLoader(), outcome);
        soon().until(() -> flight.isRunning(key) && loads.get() == 1);
    }

    @Test
    void a_lone_caller_runs_its_loader_and_gets_its_value() {
        assertThat(flight.run("k", countingLoader("v"))).hasValue("v");
        assertThat(loads).hasValue(1);
        assertThat(flight.isRunning("k")).isFalse();
    }

    @Test
    void concurrent_callers_of_one_key_share_one_load() throws InterruptedException {
        AtomicReference<Object> leader = new AtomicReference<>();
        startLeader("k", leader);
        List<AtomicReference<Object>> followers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            AtomicReference<Object> outcome = new AtomicReference<>();
            followers.add(outcome);
            awaitWaiting(caller("k", countingLoader("not me"), outcome));
        }

        release.countDown();
        joinAll();

        assertThat(loads).hasValue(1);
        assertThat(leader).hasValue("value-1");
        assertThat(followers).allSatisfy(outcome -> assertThat(outcome).hasValue("value-1"));
        assertThat(flight.isRunning("k")).isFalse();
    }

    static Stream<Throwable> failures() {
        return Stream.of(new IllegalStateException("engine down (test)"), new AssertionError("broken loader (test)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void a_failed_load_reaches_every_waiter_as_the_same_throwable(Throwable failure) throws InterruptedException {
        AtomicReference<Object> leader = new AtomicReference<>();
        caller("k", () -> {
            loads.incrementAndGet();
            awaitRelease();
            if (failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure;
        }, leader);
        soon().until(() -> loads.get() == 1);
        List<AtomicReference<Object>> followers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            AtomicReference<Object> outcome = new AtomicReference<>();
            followers.add(outcome);
            awaitWaiting(caller("k", countingLoader("not me"), outcome));
        }

        release.countDown();
        joinAll();

        assertThat(leader.get()).isSameAs(failure);
        assertThat(followers).allSatisfy(outcome -> assertThat(outcome.get()).isSameAs(failure));
        assertThat(loads).hasValue(1);
        assertThat(flight.isRunning("k")).isFalse();
    }

    @Test
    void a_waiter_gives_up_after_the_maximum_wait_with_the_supplied_error() throws InterruptedException {
        SingleFlight<String, String> impatient = new SingleFlight<>(Duration.ofMillis(50),
                () -> new IllegalStateException("waited too long (test)"));
        AtomicReference<Object> leader = new AtomicReference<>();
        Thread leaderThread = new Thread(() -> leader.set(impatient.run("k", heldLoader()).orElse(null)));
        threads.add(leaderThread);
        leaderThread.start();
        soon().until(() -> impatient.isRunning("k") && loads.get() == 1);

        assertThatThrownBy(() -> impatient.run("k", countingLoader("not me")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("waited too long (test)");
        assertThat(loads).as("the waiter did not load it itself").hasValue(1);

        release.countDown();
        leaderThread.join(5000);
        assertThat(leader).as("the stuck load still finishes for its own caller").hasValue("value-1");
        assertThat(impatient.isRunning("k")).isFalse();
    }

    @Test
    void an_interrupted_waiter_stops_waiting_and_keeps_its_interrupt() throws InterruptedException {
        startLeader("k", new AtomicReference<>());
        AtomicReference<Object> outcome = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                flight.run("k", countingLoader("not me"));
            } catch (IllegalStateException e) {
                outcome.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        threads.add(waiter);
        waiter.start();
        awaitWaiting(waiter);

        waiter.interrupt();
        waiter.join(5000);

        assertThat(outcome.get()).isInstanceOfSatisfying(IllegalStateException.class,
                e -> assertThat(e).hasMessage("interrupted while waiting for a load in flight"));
        assertThat(stillInterrupted).hasValue(true);
        assertThat(flight.isRunning("k")).as("the leader's load goes on").isTrue();
    }

    @Test
    void a_finished_load_is_not_cached_the_next_caller_loads_again() {
        flight.run("k", countingLoader("v1"));

        assertThat(flight.run("k", countingLoader("v2"))).hasValue("v2");
        assertThat(loads).hasValue(2);
    }

    @Test
    void a_failed_load_ends_its_flight_so_the_next_caller_loads_again() {
        assertThatThrownBy(() -> flight.run("k", () -> {
            throw new IllegalStateException("once (test)");
        })).hasMessage("once (test)");

        assertThat(flight.isRunning("k")).isFalse();
        assertThat(flight.run("k", countingLoader("v"))).hasValue("v");
    }

    @Test
    void different_keys_load_independently() {
        startLeader("a", new AtomicReference<>());

        assertThat(flight.run("b", countingLoader("b-value"))).hasValue("b-value");
        assertThat(loads).hasValue(2);
        assertThat(flight.isRunning("a")).isTrue();
    }

    @Test
    void a_background_load_is_started_once_while_it_runs() {
        flight.runInBackground("k", countingLoader("v"), queue);
        flight.runInBackground("k", countingLoader("v"), queue);

        assertThat(queued).hasSize(1);
        assertThat(flight.isRunning("k")).isTrue();

        queued.get(0).run();

        assertThat(loads).hasValue(1);
        assertThat(flight.isRunning("k")).isFalse();
        flight.runInBackground("k", countingLoader("v"), queue);
        assertThat(queued).hasSize(2);
    }

    @Test
    void a_background_load_is_skipped_while_a_foreground_load_runs() {
        startLeader("k", new AtomicReference<>());

        flight.runInBackground("k", countingLoader("v"), queue);

        assertThat(queued).isEmpty();
    }

    @Test
    void a_foreground_caller_waits_for_a_background_load_instead_of_loading() throws InterruptedException {
        flight.runInBackground("k", countingLoader("from the background"), queue);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread foreground = caller("k", countingLoader("not me"), outcome);
        awaitWaiting(foreground);

        queued.get(0).run();
        foreground.join(5000);

        assertThat(outcome).hasValue("from the background");
        assertThat(loads).hasValue(1);
    }

    @Test
    void a_failing_background_load_ends_quietly_and_frees_the_key() {
        flight.runInBackground("k", () -> {
            throw new IllegalStateException("engine down (test)");
        }, queue);

        queued.get(0).run();

        assertThat(flight.isRunning("k")).isFalse();
    }

    @Test
    void a_rejected_background_load_frees_the_key_for_the_next_attempt() {
        Executor full = task -> {
            throw new RejectedExecutionException("queue full (test)");
        };

        flight.runInBackground("k", countingLoader("v"), full);

        assertThat(flight.isRunning("k")).isFalse();
        flight.runInBackground("k", countingLoader("v"), queue);
        assertThat(queued).hasSize(1);
        queued.get(0).run();
        assertThat(loads).hasValue(1);
    }
}
