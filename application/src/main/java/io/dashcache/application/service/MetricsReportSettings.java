package io.dashcache.application.service;

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
    /** A bound on memory whatever the settings: a day of points at one a second is far past any use. */
    static final int MAX_HISTORY_POINTS = 86_400;

    public MetricsReportSettings {
        requirePositive(window, "window");
        requirePositive(snapshotInterval, "snapshot interval");
        requirePositive(retention, "retention");
        if (retention.compareTo(snapshotInterval) < 0) {
            throw new IllegalArgumentException("the history must keep at least one interval: retention "
                    + retention + " is shorter than the snapshot interval " + snapshotInterval);
        }
    }

    public static MetricsReportSettings defaults() {
        return new MetricsReportSettings(DEFAULT_WINDOW, DEFAULT_SNAPSHOT_INTERVAL, DEFAULT_RETENTION);
    }

    /** How many history points are kept. */
    public int historyCapacity() {
        long points = retention.toNanos() / snapshotInterval.toNanos();
        return (int) Math.min(MAX_HISTORY_POINTS, Math.max(1, points));
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("the metrics " + name + " must be positive, got " + value);
        }
    }
}
