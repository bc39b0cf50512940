package io.dashcache.bootstrap.wiring;

import io.dashcache.application.metrics.CacheMetricsReporter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Takes the report's periodic snapshot (a history point, the alerts re-judged) on one daemon thread. */
final class MetricsTicker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsTicker.class);

    private final CacheMetricsReporter reporter;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dashcache-metrics");
        thread.setDaemon(true);
        return thread;
    });

    MetricsTicker(CacheMetricsReporter reporter, Duration interval) {
        this.reporter = reporter;
        this.interval = interval;
    }

    void start() {
        long millis = interval.toMillis();
        scheduler.scheduleAtFixedRate(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            reporter.recordSnapshot();
        } catch (RuntimeException e) {
            // a failed snapshot must not cancel the schedule: the next one tries again
            LOG.warn("the metrics snapshot failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
