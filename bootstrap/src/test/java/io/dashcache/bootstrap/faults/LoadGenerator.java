package io.dashcache.bootstrap.faults;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Concurrent reads against an instance until stopped, bounded in threads and in time (it stops by
 * itself after {@code maxRun}); every answer that is not 2xx, and every call that throws, is kept.
 */
final class LoadGenerator implements AutoCloseable {

    /** One read: a path, as a user. */
    record Read(String path, String user) {
    }

    record Failure(Read read, String what) {
    }

    private final ExecutorService threads;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong slowestNanos = new AtomicLong();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

    /** @param readFor picks the next read from a random number */
    LoadGenerator(RunningInstance instance, int threadCount, Duration maxRun, IntFunction<Read> readFor) {
        threads = Executors.newFixedThreadPool(threadCount);
        long deadline = System.nanoTime() + maxRun.toNanos();
        for (int t = 0; t < threadCount; t++) {
            threads.execute(() -> {
                while (running.get() && System.nanoTime() < deadline) {
                    Read read = readFor.apply(ThreadLocalRandom.current().nextInt(1_000_000));
                    long started = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = instance.get(read.path(), "X-User-Id", read.user());
                        if (response.statusCode() / 100 != 2) {
                            failures.add(new Failure(read, response.statusCode() + " " + RunningInstance.text(response)));
                        }
                    } catch (RuntimeException e) {
                        failures.add(new Failure(read, e.toString()));
                    }
                    slowestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
                    requests.incrementAndGet();
                }
            });
        }
    }

    long requests() {
        return requests.get();
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    Duration slowest() {
        return Duration.ofNanos(slowestNanos.get());
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
            threads.shutdownNow();
            throw new AssertionError("the load did not stop");
        }
    }
}
