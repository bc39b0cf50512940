package io.dashcache.application.engine;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * At most one load per key at a time in this instance: the first caller loads, the others wait
 * for its result (or its failure) instead of asking the engine again.
 */
final class SingleFlight<K, V> {

    private final ConcurrentMap<K, CompletableFuture<Optional<V>>> inFlight = new ConcurrentHashMap<>();
    private final long maxWaitNanos;
    private final Supplier<? extends RuntimeException> waitedTooLong;

    /**
     * @param maxWait       how long a caller waits for another's load before giving up
     * @param waitedTooLong the error a caller gets then (a stuck load must not hold everyone)
     */
    SingleFlight(Duration maxWait, Supplier<? extends RuntimeException> waitedTooLong) {
        this.maxWaitNanos = maxWait.toNanos();
        this.waitedTooLong = waitedTooLong;
    }

    /**
     * Runs {@code loader} unless a load of {@code key} is already running, and returns its result. A
     * load may end without a value (empty: a background refresh that left the work to another
     * instance); whoever waited on it then runs its own.
     */
    Optional<V> run(K key, Supplier<Optional<V>> loader) {
        while (true) {
            CompletableFuture<Optional<V>> mine = new CompletableFuture<>();
            CompletableFuture<Optional<V>> running = inFlight.putIfAbsent(key, mine);
            if (running == null) {
                return lead(key, mine, loader);
            }
            Optional<V> value = await(running);
            if (value.isPresent()) {
                return value;
            }
        }
    }

    private Optional<V> lead(K key, CompletableFuture<Optional<V>> mine, Supplier<Optional<V>> loader) {
        try {
            Optional<V> value = Objects.requireNonNull(loader.get(), "a load answers a value or empty");
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** Starts a load of {@code key} on {@code executor} unless one is running; never waits. */
    void runInBackground(K key, Supplier<Optional<V>> loader, Executor executor) {
        CompletableFuture<Optional<V>> mine = new CompletableFuture<>();
        if (inFlight.putIfAbsent(key, mine) != null) {
            return;
        }
        Runnable task = () -> {
            try {
                mine.complete(loader.get());
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
            } finally {
                inFlight.remove(key, mine);
            }
        };
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            inFlight.remove(key, mine);
            mine.completeExceptionally(e);
        }
    }

    boolean isRunning(K key) {
        return inFlight.containsKey(key);
    }

    private Optional<V> await(CompletableFuture<Optional<V>> running) {
        try {
            return running.get(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw waitedTooLong.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a load in flight", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
