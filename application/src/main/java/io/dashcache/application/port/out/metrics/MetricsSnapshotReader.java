package io.dashcache.application.port.out.metrics;

/**
 * Reads the cache's counters as the metrics adapter keeps them: cumulative since start, so the
 * report gets the figures of any interval by subtracting two snapshots.
 */
@FunctionalInterface
public interface MetricsSnapshotReader {

    MetricsSnapshot read();
}
