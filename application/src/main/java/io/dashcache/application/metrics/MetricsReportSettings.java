package io.dashcache.application.metrics;

import java.time.Duration;

/**
 * How {@link CacheMetricsReporter} looks back.
 *
 * @param window           the figures, grades and alerts cover the reads of this last stretch of time
 * @param snapshotInterval a history point is taken this often (the caller schedules it)
 * @param retention        history older than this is dropped; the history holds at most
 *                         {@code retention / snapshotInterval} points
 */
public record MetricsReportSettings(Duration window, Duration snapshotInterval, Duration retention) {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
    public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);
    /** Bounds memory and the report's size: an hour at one point a second, or a day at one every 24 s. */
    public static final int MAX_HISTORY_POINTS = 3_600;

    public MetricsReportSettings {
        requirePositive(window, "window");
        requirePositive(snapshotInterval, "snapshot interval");
        requirePositive(retention, "retention");
        if (retention.compareTo(snapshotInterval) < 0) {
            throw new IllegalArgumentException("the history must keep at least one interval: retention "
                    + retention + " is shorter than the snapshot interval " + snapshotInterval);
        }
        if (retention.toNanos() / snapshotInterval.toNanos() > MAX_HISTORY_POINTS) {
            throw new IllegalArgumentException("the history would hold more than " + MAX_HISTORY_POINTS
                    + " points: keep " + retention + " at one point every " + snapshotInterval
                    + " needs a longer interval or a shorter retention");
        }
    }

    public static MetricsReportSettings defaults() {
        return new MetricsReportSettings(DEFAULT_WINDOW, DEFAULT_SNAPSHOT_INTERVAL, DEFAULT_RETENTION);
    }

    /** How many history points are kept. */
    public int historyCapacity() {
        return (int) Math.max(1, retention.toNanos() / snapshotInterval.toNanos());
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("the metrics " + name + " must be positive, got " + value);
        }
    }
}
