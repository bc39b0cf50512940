package io.dashcache.application.metrics;

import io.dashcache.application.port.messages.InvalidationLagStage;
import io.dashcache.application.port.in.metrics.CacheAlert;
import io.dashcache.application.port.in.metrics.CacheMetricsReport.Figures;
import io.dashcache.application.port.in.metrics.CacheMetricsReport.HistoryPoint;
import io.dashcache.application.port.in.metrics.CacheMetricsReport.Sample;
import io.dashcache.application.port.in.metrics.CacheMetricsReport;
import io.dashcache.application.port.in.metrics.ReadCacheHealth;
import io.dashcache.application.port.in.metrics.ReadCacheMetrics;
import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.messages.OutcomeCounts;
import io.dashcache.application.port.out.metrics.MetricsSnapshot;
import io.dashcache.application.port.out.metrics.MetricsSnapshotReader;
import io.dashcache.application.port.out.metrics.TypeMetrics;
import io.dashcache.domain.AlertThresholds;
import io.dashcache.domain.DataType;
import io.dashcache.domain.PerformanceGrade;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report behind {@code /api/cache/metrics}: grades, alerts and history from the cumulative
 * counters the metrics adapter keeps.
 *
 * <p>Every figure is over a recent window, got by subtracting two snapshots: the one taken now
 * and the newest kept one at least {@code window} old. Snapshots are kept for this at most every
 * {@code max(snapshotInterval, window / 30)}, so the window is at most that much longer than
 * {@code window} (shorter only while the process is younger), and memory stays bounded. Percentiles
 * are read from the difference of the two latency histograms, the way Prometheus'
 * {@code histogram_quantile} would read them, so they describe the window and nothing older.
 *
 * <p>{@link #recordSnapshot()} must be called every {@code snapshotInterval} (bootstrap schedules
 * it): it keeps the snapshots the window needs, adds one history point, and re-judges the alerts
 * so that an alert's {@code since} and the log's "raised" and "cleared" lines do not depend on
 * anyone reading the report.
 */
public final class CacheMetricsReporter implements ReadCacheMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(CacheMetricsReporter.class);

    private record Stamped(Instant at, MetricsSnapshot snapshot) {
    }

    private record Evaluation(Instant windowStart, Figures overall, Map<DataType, Figures> types,
                              List<CacheAlert> alerts, Map<InvalidationLagStage, CacheMetricsReport.InvalidationLag> lag) {
    }

    private final MetricsSnapshotReader reader;
    private final ReadCacheHealth health;
    private final AlertThresholds thresholds;
    private final MetricsReportSettings settings;
    private final Clock clock;
    private final AlertAdvisor advisor;
    /** Enough for the spacing of window / 30, with room for a clock that jumps. */
    private static final int MAX_RECENT = 64;

    private final Duration spacing;
    // guarded by this: the snapshots the window needs (the oldest is the newest at least a window old)
    private final ArrayDeque<Stamped> recent = new ArrayDeque<>();
    private final HistoryRing<HistoryPoint> history;
    private final Map<String, Instant> activeSince = new HashMap<>();
    private Stamped last;

    public CacheMetricsReporter(MetricsSnapshotReader reader, ReadCacheHealth health, AlertThresholds thresholds,
                                MetricsReportSettings settings, Clock clock) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.health = Objects.requireNonNull(health, "health");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.advisor = new AlertAdvisor(thresholds);
        this.history = new HistoryRing<>(settings.historyCapacity());
        Duration thirtieth = settings.window().dividedBy(30);
        this.spacing = thirtieth.compareTo(settings.snapshotInterval()) > 0 ? thirtieth : settings.snapshotInterval();
        this.last = new Stamped(clock.instant(), reader.read());
        recent.add(last);
    }

    /** Takes the periodic snapshot: one history point for the interval just ended, and the alerts re-judged. */
    public void recordSnapshot() {
        MetricsSnapshot current = reader.read();
        List<DependencyHealth> dependencies = dependencies();
        synchronized (this) {
            Instant now = clock.instant();
            history.add(point(now, current.minus(last.snapshot())));
            last = new Stamped(now, current);
            if (Duration.between(recent.peekLast().at(), now).compareTo(spacing) >= 0) {
                recent.addLast(last);
            }
            trim(now);
            evaluate(now, current, dependencies);
        }
    }

    @Override
    public CacheMetricsReport report() {
        MetricsSnapshot current = reader.read();
        List<DependencyHealth> dependencies = dependencies();
        synchronized (this) {
            Instant now = clock.instant();
            Evaluation evaluation = evaluate(now, current, dependencies);
            return new CacheMetricsReport(now, evaluation.windowStart(), thresholds, evaluation.overall(),
                    evaluation.types(), evaluation.alerts(), dependencies, settings.snapshotInterval(),
                    settings.retention(), history.toList(), evaluation.lag());
        }
    }

    /** History points kept now (for tests and the bound's check). */
    synchronized int historySize() {
        return history.size();
    }

    /** Snapshots kept for the window (for tests). */
    synchronized int windowSnapshots() {
        return recent.size();
    }

    private List<DependencyHealth> dependencies() {
        try {
            return health.health().dependencies();
        } catch (RuntimeException e) {
            LOG.warn("the health report failed while reporting metrics: {}", e.toString());
            return List.of(DependencyHealth.degraded("health", "the health report failed; see the logs"));
        }
    }

    /** Figures of the window ending now, and the alerts they call for; remembers when each alert began. */
    private Evaluation evaluate(Instant now, MetricsSnapshot current, List<DependencyHealth> dependencies) {
        Stamped baseline = baseline(now);
        MetricsSnapshot window = current.minus(baseline.snapshot());
        Map<DataType, Figures> types = new EnumMap<>(DataType.class);
        for (DataType type : DataType.values()) {
            types.put(type, figures(window.of(type), current.of(type).reads().total()));
        }
        Figures overall = figures(window.allTypes(), current.allTypes().reads().total());
        Duration length = Duration.between(baseline.at(), now);
        List<CacheAlert> judged = advisor.alerts(now, length, overall, types, window.lags(), dependencies);
        Map<InvalidationLagStage, CacheMetricsReport.InvalidationLag> lag = new EnumMap<>(InvalidationLagStage.class);
        window.lags().forEach((stage, histogram) -> {
            if (histogram.count() > 0) {
                lag.put(stage, new CacheMetricsReport.InvalidationLag(histogram.count(), histogram.quantile(0.95)));
            }
        });
        return new Evaluation(baseline.at(), overall, types, remember(now, judged), lag);
    }

    /** Keeps each alert's first {@code since} while it stays raised; logs what was raised and cleared. */
    private List<CacheAlert> remember(Instant now, List<CacheAlert> judged) {
        Map<String, Instant> stillActive = new HashMap<>();
        List<CacheAlert> alerts = new ArrayList<>(judged.size());
        for (CacheAlert alert : judged) {
            Instant since = activeSince.get(alert.key());
            if (since == null) {
                since = now;
                LOG.warn("alert raised: {} ({}): {}", alert.key(), alert.severity(), alert.message());
            }
            stillActive.put(alert.key(), since);
            alerts.add(new CacheAlert(alert.kind(), alert.severity(), alert.type(), alert.dependency(), since,
                    alert.message(), alert.recommendation()));
        }
        for (String key : activeSince.keySet()) {
            if (!stillActive.containsKey(key)) {
                LOG.info("alert cleared: {}", key);
            }
        }
        activeSince.clear();
        activeSince.putAll(stillActive);
        return alerts;
    }

    /** The newest snapshot at least a window old, else (a young process) the first one. */
    private Stamped baseline(Instant now) {
        Instant cutoff = now.minus(settings.window());
        Stamped baseline = recent.peekFirst();
        for (Stamped stamped : recent) {
            if (stamped.at().isAfter(cutoff)) {
                break;
            }
            baseline = stamped;
        }
        return baseline;
    }

    private void trim(Instant now) {
        Instant cutoff = now.minus(settings.window());
        // drop the oldest while the next one is a window old too: the baseline stays
        while (recent.size() > 1 && !secondOldest().at().isAfter(cutoff)) {
            recent.removeFirst();
        }
        while (recent.size() > MAX_RECENT) {
            recent.removeFirst();
        }
    }

    private Stamped secondOldest() {
        Iterator<Stamped> oldestFirst = recent.iterator();
        oldestFirst.next();
        return oldestFirst.next();
    }

    private static Figures figures(TypeMetrics window, long requestsSinceStart) {
        OutcomeCounts reads = window.reads();
        long requests = reads.total();
        Duration p95 = window.readLatency().quantile(0.95);
        Double hitRate = requests == 0 ? null : reads.hitRate();
        PerformanceGrade grade = requests == 0 || p95 == null ? null : PerformanceGrade.of(p95, hitRate);
        return new Figures(requests, requestsSinceStart, reads, hitRate, requests == 0 ? null : reads.errorRate(),
                window.readLatency().quantile(0.50), p95, window.readLatency().quantile(0.99), grade,
                window.loadLatency().count(), window.loadFailures(), window.loadLatency().quantile(0.95),
                window.staleWritesRefused());
    }

    private static HistoryPoint point(Instant at, MetricsSnapshot interval) {
        Map<DataType, Sample> types = new EnumMap<>(DataType.class);
        for (DataType type : DataType.values()) {
            TypeMetrics metrics = interval.of(type);
            if (metrics.reads().total() > 0) {
                types.put(type, sample(metrics));
            }
        }
        return new HistoryPoint(at, sample(interval.allTypes()), types);
    }

    private static Sample sample(TypeMetrics metrics) {
        OutcomeCounts reads = metrics.reads();
        if (reads.total() == 0) {
            return new Sample(0, null, null, null);
        }
        return new Sample(reads.total(), reads.hitRate(), reads.errorRate(), metrics.readLatency().quantile(0.95));
    }
}
