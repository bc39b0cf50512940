package io.dashcache.application.metrics;

import io.dashcache.application.port.in.metrics.CacheAlert;
import io.dashcache.application.port.in.metrics.CacheMetricsReport.Figures;
import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.messages.InvalidationLagStage;
import io.dashcache.application.port.out.metrics.LatencyHistogram;
import io.dashcache.domain.AlertKind;
import io.dashcache.domain.AlertThresholds;
import io.dashcache.domain.DataType;
import io.dashcache.domain.PerformanceGrade;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Judges a window's figures against the thresholds and says, in plain words, what is wrong and
 * what to do. Performance alerts are raised per data type; one for all reads together only when
 * no single type raised that kind (e.g. every type has too few reads to judge on its own).
 */
final class AlertAdvisor {

    private static final Comparator<CacheAlert> MOST_SEVERE_FIRST = Comparator
            .comparing((CacheAlert alert) -> alert.severity() == AlertKind.Severity.CRITICAL ? 0 : 1)
            .thenComparing(CacheAlert::kind)
            .thenComparing(alert -> alert.type() == null ? DataType.values().length : alert.type().ordinal())
            .thenComparing(alert -> alert.dependency() == null ? "" : alert.dependency());

    private final AlertThresholds thresholds;

    AlertAdvisor(AlertThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** The alerts these figures call for, each {@code since} now (the caller keeps earlier starts). */
    List<CacheAlert> alerts(Instant now, Duration window, Figures overall, Map<DataType, Figures> types,
                            List<DependencyHealth> dependencies) {
        return alerts(now, window, overall, types, Map.of(), dependencies);
    }

    /** @param lags the window's invalidation lag histograms, by stage */
    List<CacheAlert> alerts(Instant now, Duration window, Figures overall, Map<DataType, Figures> types,
                            Map<InvalidationLagStage, LatencyHistogram> lags, List<DependencyHealth> dependencies) {
        List<CacheAlert> alerts = new ArrayList<>();
        lagAlert(now, window, lags).ifPresent(alerts::add);
        Set<AlertKind> raisedForAType = EnumSet.noneOf(AlertKind.class);
        types.forEach((type, figures) -> judge(now, window, type, figures, alerts, raisedForAType));
        List<CacheAlert> overallAlerts = new ArrayList<>();
        judge(now, window, null, overall, overallAlerts, EnumSet.noneOf(AlertKind.class));
        overallAlerts.stream().filter(alert -> !raisedForAType.contains(alert.kind())).forEach(alerts::add);
        for (DependencyHealth dependency : dependencies) {
            if (dependency.state() == DependencyHealth.State.DEGRADED) {
                alerts.add(dependencyAlert(now, dependency));
            }
        }
        alerts.sort(MOST_SEVERE_FIRST);
        return alerts;
    }

    private void judge(Instant now, Duration window, DataType type, Figures figures, List<CacheAlert> alerts,
                       Set<AlertKind> raised) {
        long reads = figures.requests();
        String subject = type == null ? "all data types" : type.segment();
        String over = " over " + reads + " reads in the last " + seconds(window);
        if (figures.errorRate() != null && thresholds.errorRateTooHigh(reads, figures.errorRate())) {
            raised.add(AlertKind.HIGH_ERROR_RATE);
            alerts.add(new CacheAlert(AlertKind.HIGH_ERROR_RATE, AlertKind.HIGH_ERROR_RATE.severity(), type, null, now,
                    subject + ": " + figures.outcomes().errors() + " failed reads (" + percent(figures.errorRate()) + ")"
                            + over + "; the alert is above " + percent(thresholds.maxErrorRate()),
                    "The engine failed and no cached value, not even a stale one, could stand in. Check the engine "
                            + "(its state is in /health, its address in DASHCACHE_ENGINE_URL, its time limit in "
                            + "DASHCACHE_ENGINE_TIMEOUT_MS). Longer TTLs (" + ttlVariable(type) + ") keep stale "
                            + "values at hand for longer during an engine outage."));
        }
        if (figures.hitRate() != null && thresholds.hitRateTooLow(reads, figures.hitRate())) {
            raised.add(AlertKind.LOW_HIT_RATE);
            alerts.add(new CacheAlert(AlertKind.LOW_HIT_RATE, severity(AlertKind.LOW_HIT_RATE, figures), type, null, now,
                    subject + ": hit rate " + percent(figures.hitRate()) + over + "; the alert is below "
                            + percent(thresholds.minHitRate()),
                    lowHitRateAdvice(type, figures)));
        }
        if (figures.p95() != null && thresholds.latencyTooHigh(reads, figures.p95())) {
            raised.add(AlertKind.HIGH_LATENCY);
            alerts.add(new CacheAlert(AlertKind.HIGH_LATENCY, severity(AlertKind.HIGH_LATENCY, figures), type, null, now,
                    subject + ": p95 latency " + millis(figures.p95()) + over + "; the alert is above "
                            + millis(thresholds.maxP95()),
                    highLatencyAdvice(type, figures)));
        }
    }

    /** One alert for the lag, about the stage whose p95 is worst, naming every stage over the threshold. */
    private java.util.Optional<CacheAlert> lagAlert(Instant now, Duration window,
                                                    Map<InvalidationLagStage, LatencyHistogram> lags) {
        InvalidationLagStage worst = null;
        Duration worstP95 = null;
        List<String> over = new ArrayList<>();
        for (InvalidationLagStage stage : InvalidationLagStage.values()) {
            LatencyHistogram lag = lags.get(stage);
            Duration p95 = lag == null ? null : lag.quantile(0.95);
            if (p95 != null && thresholds.invalidationLagTooHigh(lag.count(), p95)) {
                over.add(stage.label() + " " + millis(p95) + " over " + lag.count() + " events");
                if (worstP95 == null || p95.compareTo(worstP95) > 0) {
                    worst = stage;
                    worstP95 = p95;
                }
            }
        }
        if (worst == null) {
            return java.util.Optional.empty();
        }
        boolean fromOccurred = worst == InvalidationLagStage.OCCURRED_TO_BUMPED
                || worst == InvalidationLagStage.OCCURRED_TO_HEARD;
        String advice = fromOccurred && over.stream().noneMatch(text -> text.startsWith("stream_"))
                ? "The lag is from when the engine says the event happened: the stream stages are fine, so the "
                        + "engine publishes its events late, or its clock is ahead of this instance's. Compare the "
                        + "engine's clock and how it publishes."
                : "Events wait before they are applied: look at the consumer's backlog and pending entries "
                        + "(dashcache_events_*), at Redis' latency (dashcache_redis_command_duration_seconds), and at "
                        + "whether every instance runs; a \"heard\" stage alone is slow when the pub/sub broadcast is.";
        return java.util.Optional.of(new CacheAlert(AlertKind.INVALIDATION_LAG, AlertKind.INVALIDATION_LAG.severity(),
                null, null, now, "invalidation lag p95 in the last " + seconds(window) + ": " + String.join(", ", over)
                        + "; the alert is above " + millis(thresholds.maxInvalidationLag()), advice));
    }

    private static AlertKind.Severity severity(AlertKind kind, Figures figures) {
        return figures.grade() == PerformanceGrade.CRITICAL ? AlertKind.Severity.CRITICAL : kind.severity();
    }

    private static String lowHitRateAdvice(DataType type, Figures figures) {
        long errors = figures.outcomes().errors();
        if (errors * 2 > figures.requests()) {
            return "Most of these reads failed rather than missed: the engine is failing (see the error-rate alert). "
                    + "Once it answers again the hit rate recovers by itself.";
        }
        return "Most reads had to go to the engine. If entries expire before they are read again, raise "
                + ttlVariable(type) + ". If engine events invalidate this data often, that is expected: warm the "
                + "hot keys ahead of readers (POST /api/cache/warm). If L1 evicts entries "
                + "(dashcache_l1_evictions_total rising), raise DASHCACHE_L1_MAX_BYTES. A hit rate right after a "
                + "start or a flush recovers by itself as the cache fills.";
    }

    private static String highLatencyAdvice(DataType type, Figures figures) {
        long misses = figures.outcomes().misses() + figures.outcomes().errors();
        boolean missesDominate = figures.requests() > 0 && misses * 20 >= figures.requests();
        if (missesDominate && figures.loadP95() != null) {
            return "At least one read in twenty waits for the engine, whose p95 load time is " + millis(figures.loadP95())
                    + ". Raise the hit rate (longer TTLs with " + ttlVariable(type) + ", warming with "
                    + "POST /api/cache/warm) or make the engine faster; DASHCACHE_ENGINE_TIMEOUT_MS bounds how long "
                    + "a read can wait for it.";
        }
        return "Even hits are slow: look at the Redis round trip (dashcache_redis_command_duration_seconds), the "
                + "network to Redis, and this instance's CPU and garbage collection.";
    }

    private static CacheAlert dependencyAlert(Instant now, DependencyHealth dependency) {
        AlertKind kind = AlertKind.forDegradedDependency(dependency.name());
        String detail = dependency.detail() == null || dependency.detail().isBlank() ? "" : ": " + dependency.detail();
        String advice = switch (kind) {
            case REDIS_DEGRADED -> "Each instance now reads from its own L1 and then the engine, and invalidations "
                    + "reach only this instance, so hit rates drop and the engine carries more load. Check that the "
                    + "Redis in DASHCACHE_REDIS_URL is up and reachable from this host; dashcache uses it again "
                    + "when it answers (an instance that started without Redis needs a restart).";
            case ENGINE_DEGRADED -> "Cached values are still served while fresh and through their grace period, "
                    + "but misses fail with 502, 503 or 504. Check the Core Detection Engine at DASHCACHE_ENGINE_URL "
                    + "and its logs.";
            default -> "Check " + dependency.name() + " and its logs; /health shows its latest state.";
        };
        return new CacheAlert(kind, kind.severity(), null, dependency.name(), now,
                dependency.name() + " is " + dependency.state() + detail, advice);
    }

    private static String ttlVariable(DataType type) {
        return type == null ? "DASHCACHE_TTL_<TYPE>" : "DASHCACHE_TTL_" + type.configSuffix();
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.1f ms", duration.toNanos() / 1e6);
    }

    private static String seconds(Duration window) {
        return Math.round(window.toMillis() / 1000.0) + " s";
    }
}
