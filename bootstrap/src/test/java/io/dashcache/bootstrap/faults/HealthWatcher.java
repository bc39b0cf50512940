package io.dashcache.bootstrap.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Polls {@code /health} every 50 ms and keeps the sequence of distinct overall states it saw. */
final class HealthWatcher implements AutoCloseable {

    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    private final List<String> transitions = new ArrayList<>();

    HealthWatcher(RunningInstance instance) {
        poller.scheduleWithFixedDelay(() -> {
            String status;
            try {
                status = instance.healthStatus();
            } catch (RuntimeException | AssertionError e) {
                status = "UNANSWERED: " + e.getMessage();
            }
            synchronized (transitions) {
                if (transitions.isEmpty() || !transitions.get(transitions.size() - 1).equals(status)) {
                    transitions.add(status);
                }
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
    }

    List<String> transitions() {
        synchronized (transitions) {
            return List.copyOf(transitions);
        }
    }

    @Override
    public void close() throws InterruptedException {
        poller.shutdown();
        poller.awaitTermination(5, TimeUnit.SECONDS);
    }
}
