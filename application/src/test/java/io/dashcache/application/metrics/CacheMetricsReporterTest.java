package io.dashcache.application.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dashcache.application.port.in.metrics.CacheAlert;
import io.dashcache.application.port.in.metrics.CacheMetricsReport.Figures;
import io.dashcache.application.port.in.metrics.CacheMetricsReport.HistoryPoint;
import io.dashcache.application.port.in.metrics.CacheMetricsReport;
import io.dashcache.application.port.in.metrics.ReadCacheHealth.HealthReport;
import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.testing.MutableClock;
import io.dashcache.application.testing.RecordingMetrics;
import io.dashcache.domain.AlertKind;
import io.dashcache.domain.AlertThresholds;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.domain.PerformanceGrade;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CacheMetricsReporterTest {

    private static final Duration TICK = Duration.ofSeconds(10);

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final AtomicReference<List<DependencyHealth>> dependencies = new AtomicReference<>(
            List.of(DependencyHealth.up("redis", "ping 1 ms"), DependencyHealth.up("engine", "ok")));
    private CacheMetricsReporter reporter = reporter(AlertThresholds.defaults(), MetricsReportSettings.defaults());

    private CacheMetricsReporter reporter(AlertThresholds thresholds, MetricsReportSettings settings) {
        return new CacheMetricsReporter(metrics, () -> new HealthReport(DependencyHealth.State.UP, dependencies.get(), 0, 0),
                thresholds, settings, clock);
    }

    /** Lets time pass as the scheduler would: one snapshot per tick. */
    private void pass(Duration time) {
        for (long ticks = time.dividedBy(TICK); ticks > 0; ticks--) {
            clock.advance(TICK);
            reporter.recordSnapshot();
        }
    }

    private static List<AlertKind> kinds(CacheMetricsReport report) {
        return report.alerts().stream().map(CacheAlert::kind).toList();
    }

    @Test
    void each_type_is_graded_by_the_domain_rule_from_its_p95_and_hit_rate() {
        metrics.read(DataType.OVERVIEW, CacheOutcome.L1_HIT, Duration.ofNanos(800_000), 96)
                .read(DataType.OVERVIEW, CacheOutcome.MISS, Duration.ofMillis(40), 4)
                .read(DataType.ANALYTICS, CacheOutcome.L2_HIT, Duration.ofMillis(1), 80)
                .read(DataType.ANALYTICS, CacheOutcome.MISS, Duration.ofMillis(150), 20);
        clock.advance(Duration.ofSeconds(5));

        CacheMetricsReport report = reporter.report();

        Figures overview = report.types().get(DataType.OVERVIEW);
        assertThat(overview.requests()).isEqualTo(100);
        assertThat(overview.hitRate()).isCloseTo(0.96, within(1e-9));
        assertThat(overview.p95().toNanos()).isLessThan(1_000_000);
        assertThat(overview.grade()).isEqualTo(PerformanceGrade.EXCELLENT);

        Figures analytics = report.types().get(DataType.ANALYTICS);
        assertThat(analytics.hitRate()).isCloseTo(0.80, within(1e-9));
        assertThat(analytics.p95()).isEqualTo(Duration.ofMillis(175));
        assertThat(analytics.grade()).isEqualTo(PerformanceGrade.ACCEPTABLE)
                .isEqualTo(PerformanceGrade.of(analytics.p95(), analytics.hitRate()));

        assertThat(report.overall().requests()).isEqualTo(200);
        assertThat(report.overall().hitRate()).isCloseTo(0.88, within(1e-9));
        assertThat(report.overall().grade()).isEqualTo(PerformanceGrade.of(report.overall().p95(), 0.88));
    }

    @Test
    void a_type_without_reads_has_no_rates_and_no_grade() {
        Figures status = reporter.report().types().get(DataType.SYSTEM_STATUS);

        assertThat(status.requests()).isZero();
        assertThat(status.hitRate()).isNull();
        assertThat(status.errorRate()).isNull();
        assertThat(status.p95()).isNull();
        assertThat(status.grade()).isNull();
        assertThat(reporter.report().types()).containsOnlyKeys(DataType.values());
    }

    @Test
    void the_figures_cover_the_last_window_only_while_the_total_counts_from_the_start() {
        metrics.read(DataType.OVERVIEW, CacheOutcome.MISS, Duration.ofMillis(400), 50);
        pass(Duration.ofSeconds(80));
        metrics.read(DataType.OVERVIEW, CacheOutcome.L1_HIT, Duration.ofNanos(500_000), 30);
        clock.advance(Duration.ofSeconds(3));

        CacheMetricsReport report = reporter.report();

        Figures overview = report.types().get(DataType.OVERVIEW);
        assertThat(overview.requests()).isEqualTo(30);
        assertThat(overview.requestsSinceStart()).isEqualTo(80);
        assertThat(overview.hitRate()).isEqualTo(1.0);
        assertThat(overview.p99().toNanos()).isLessThan(1_000_000);
        assertThat(report.window()).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(70));
        assertThat(report.generatedAt()).isEqualTo(clock.instant());
    }

    @Test
    void a_young_process_reports_over_its_whole_life() {
        clock.advance(Duration.ofSeconds(12));

        CacheMetricsReport report = reporter.report();

        assertThat(report.window()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void a_low_hit_rate_raises_an_alert_with_a_recommendation_and_it_clears_when_the_window_has_moved_on() {
        metrics.read(DataType.NOTIFICATIONS, CacheOutcome.MISS, Duration.ofMillis(2), 30)
                .read(DataType.NOTIFICATIONS, CacheOutcome.L1_HIT, Duration.ofNanos(1_000), 10);
        pass(TICK);
        Instant raisedAt = clock.instant();

        CacheMetricsReport raised = reporter.report();

        assertThat(raised.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.LOW_HIT_RATE);
            assertThat(alert.type()).isEqualTo(DataType.NOTIFICATIONS);
            assertThat(alert.severity()).isEqualTo(AlertKind.Severity.CRITICAL); // hit rate 25 %: grade critical
            assertThat(alert.message()).contains("notifications", "25.0 %", "80.0 %", "40 reads");
            assertThat(alert.recommendation()).contains("DASHCACHE_TTL_NOTIFICATIONS");
            assertThat(alert.since()).isEqualTo(raisedAt);
        });

        pass(Duration.ofSeconds(30));
        assertThat(reporter.report().alerts()).singleElement()
                .satisfies(alert -> assertThat(alert.since()).as("kept while raised").isEqualTo(raisedAt));

        metrics.read(DataType.NOTIFICATIONS, CacheOutcome.L1_HIT, Duration.ofNanos(1_000), 100);
        pass(Duration.ofSeconds(70));
        assertThat(reporter.report().alerts()).isEmpty();
    }

    @Test
    void no_alert_is_raised_before_the_minimum_number_of_reads() {
        metrics.read(DataType.OVERVIEW, CacheOutcome.MISS, Duration.ofMillis(900), 19);

        assertThat(reporter.report().alerts()).isEmpty();

        metrics.read(DataType.OVERVIEW, CacheOutcome.MISS, Duration.ofMillis(900), 1);

        assertThat(kinds(reporter.report())).containsExactlyInAnyOrder(AlertKind.LOW_HIT_RATE, AlertKind.HIGH_LATENCY);
    }

    @Test
    void slow_reads_raise_a_latency_alert_that_names_the_engine_when_misses_wait_for_it() {
        metrics.read(DataType.WIDGET_DATA, CacheOutcome.L1_HIT, Duration.ofNanos(5_000), 85)
                .read(DataType.WIDGET_DATA, CacheOutcome.MISS, Duration.ofMillis(450), 15)
                .load(DataType.WIDGET_DATA, Duration.ofMillis(440), true, 15);

        CacheMetricsReport report = reporter.report();

        assertThat(report.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.HIGH_LATENCY);
            assertThat(alert.type()).isEqualTo(DataType.WIDGET_DATA);
            assertThat(alert.message()).contains("p95 latency", "100.0 ms");
            assertThat(alert.recommendation()).contains("engine", "p95 load time");
        });
        assertThat(report.types().get(DataType.WIDGET_DATA).loads()).isEqualTo(15);
        assertThat(report.types().get(DataType.WIDGET_DATA).loadP95()).isNotNull();
    }

    @Test
    void failed_reads_raise_a_critical_error_rate_alert_first() {
        metrics.read(DataType.OVERVIEW, CacheOutcome.L1_HIT, Duration.ofNanos(5_000), 95)
                .failedRead(DataType.OVERVIEW, Duration.ofMillis(3), 5);

        CacheMetricsReport report = reporter.report();

        assertThat(report.alerts()).first().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.HIGH_ERROR_RATE);
            assertThat(alert.severity()).isEqualTo(AlertKind.Severity.CRITICAL);
            assertThat(alert.message()).contains("5 failed reads", "5.0 %", "1.0 %");
            assertThat(alert.recommendation()).contains("DASHCACHE_ENGINE_URL");
        });
        assertThat(report.types().get(DataType.OVERVIEW).errorRate()).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void redis_reported_degraded_by_the_health_checks_raises_an_alert_until_it_is_up_again() {
        dependencies.set(List.of(DependencyHealth.degraded("redis", "connection refused"),
                DependencyHealth.up("engine", "ok")));

        assertThat(reporter.report().alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.REDIS_DEGRADED);
            assertThat(alert.dependency()).isEqualTo("redis");
            assertThat(alert.message()).contains("connection refused");
            assertThat(alert.recommendation()).contains("DASHCACHE_REDIS_URL");
        });

        dependencies.set(List.of(DependencyHealth.up("redis", "ping 1 ms"), DependencyHealth.up("engine", "ok")));

        assertThat(reporter.report().alerts()).isEmpty();
    }

    @Test
    void reads_spread_too_thin_for_any_type_are_judged_together() {
        for (DataType type : List.of(DataType.OVERVIEW, DataType.ANALYTICS, DataType.NOTIFICATIONS)) {
            metrics.read(type, CacheOutcome.MISS, Duration.ofMillis(2), 10);
        }

        CacheMetricsReport report = reporter.report();

        assertThat(report.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.LOW_HIT_RATE);
            assertThat(alert.type()).isNull();
            assertThat(alert.message()).startsWith("all data types");
        });
    }

    @Test
    void thresholds_are_configurable() {
        reporter = reporter(new AlertThresholds(0.10, Duration.ofSeconds(1), 0.5, 5), MetricsReportSettings.defaults());
        metrics.read(DataType.OVERVIEW, CacheOutcome.MISS, Duration.ofMillis(300), 8)
                .read(DataType.OVERVIEW, CacheOutcome.L1_HIT, Duration.ofNanos(1_000), 2);

        assertThat(reporter.report().alerts()).isEmpty();
        assertThat(reporter.report().thresholds().minSamples()).isEqualTo(5);
    }

    @Test
    void the_history_keeps_one_point_per_interval_for_the_retention_only() {
        reporter = reporter(AlertThresholds.defaults(),
                new MetricsReportSettings(Duration.ofSeconds(60), TICK, Duration.ofMinutes(1)));

        for (int i = 0; i < 20; i++) {
            metrics.read(DataType.OVERVIEW, CacheOutcome.L1_HIT, Duration.ofNanos(1_000), i + 1);
            pass(TICK);
        }

        List<HistoryPoint> history = reporter.report().history();
        assertThat(history).hasSize(6);
        assertThat(reporter.historySize()).isEqualTo(6);
        assertThat(history.get(5).at()).isEqualTo(clock.instant());
        assertThat(history.get(0).at()).isEqualTo(clock.instant().minus(Duration.ofSeconds(50)));
        // each point covers its own interval: the last one holds the 20 reads made just before it
        assertThat(history.get(5).overall().requests()).isEqualTo(20);
        assertThat(history.get(5).types().get(DataType.OVERVIEW).hitRate()).isEqualTo(1.0);
        assertThat(history.get(0).overall().requests()).isEqualTo(15);
    }

    @Test
    void the_snapshots_kept_for_a_long_window_stay_few_however_often_they_are_taken() {
        reporter = reporter(AlertThresholds.defaults(),
                new MetricsReportSettings(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofHours(1)));

        for (int second = 0; second < 5_000; second++) {
            metrics.read(DataType.OVERVIEW, CacheOutcome.L1_HIT, Duration.ofNanos(1_000), 1);
            clock.advance(Duration.ofSeconds(1));
            reporter.recordSnapshot();
        }

        assertThat(reporter.windowSnapshots()).isLessThanOrEqualTo(32);
        assertThat(reporter.historySize()).isEqualTo(3_600);
        CacheMetricsReport report = reporter.report();
        assertThat(report.window()).isBetween(Duration.ofHours(1), Duration.ofHours(1).plusMinutes(2));
        assertThat(report.types().get(DataType.OVERVIEW).requests()).isEqualTo(report.window().toSeconds());
    }

    @Test
    void a_history_of_more_points_than_the_bound_is_refused() {
        assertThatThrownBy(() -> new MetricsReportSettings(Duration.ofMinutes(1),
                Duration.ofSeconds(1), Duration.ofHours(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3600");
    }

    @Test
    void the_default_history_is_an_hour_of_points_ten_seconds_apart() {
        MetricsReportSettings defaults = MetricsReportSettings.defaults();

        assertThat(defaults.historyCapacity()).isEqualTo(360);
        pass(Duration.ofMinutes(70));

        CacheMetricsReport report = reporter.report();
        assertThat(report.history()).hasSize(360);
        assertThat(report.historyInterval()).isEqualTo(TICK);
        assertThat(report.history().get(0).overall().requests()).isZero();
        assertThat(report.history().get(0).overall().hitRate()).isNull();
    }

    @Test
    void a_history_point_lists_only_the_types_read_in_its_interval() {
        metrics.read(DataType.SYSTEM_STATUS, CacheOutcome.L2_HIT, Duration.ofMillis(2), 3);
        pass(TICK);

        HistoryPoint point = reporter.report().history().get(0);

        assertThat(point.types()).containsOnlyKeys(DataType.SYSTEM_STATUS);
        assertThat(point.types().get(DataType.SYSTEM_STATUS).p95()).isNotNull();
    }

    @Test
    void the_dependencies_are_reported_as_the_health_checks_see_them() {
        assertThat(reporter.report().dependencies()).extracting(DependencyHealth::name).containsExactly("redis", "engine");
    }

    @Test
    void a_slow_invalidation_lag_raises_one_alert_naming_the_stages_over_the_threshold() {
        reporter = reporter(new AlertThresholds(0.8, Duration.ofMillis(100), 0.01, 20, Duration.ofMillis(300)),
                MetricsReportSettings.defaults());
        metrics.lag(io.dashcache.application.port.messages.InvalidationLagStage.STREAM_TO_HEARD, Duration.ofMillis(800), 25)
                .lag(io.dashcache.application.port.messages.InvalidationLagStage.STREAM_TO_BUMPED, Duration.ofMillis(3), 25)
                .lag(io.dashcache.application.port.messages.InvalidationLagStage.OCCURRED_TO_HEARD, Duration.ofMillis(450), 25);

        CacheMetricsReport report = reporter.report();

        assertThat(report.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.INVALIDATION_LAG);
            assertThat(alert.severity()).isEqualTo(AlertKind.Severity.WARNING);
            assertThat(alert.message()).contains("stream_to_heard", "occurred_to_heard", "over 25 events", "300.0 ms")
                    .doesNotContain("stream_to_bumped");
            assertThat(alert.recommendation()).contains("backlog");
        });
    }

    @Test
    void the_lag_alert_waits_for_enough_events_and_clears_when_the_window_moves_past_them() {
        reporter = reporter(new AlertThresholds(0.8, Duration.ofMillis(100), 0.01, 20, Duration.ofMillis(300)),
                MetricsReportSettings.defaults());
        metrics.lag(io.dashcache.application.port.messages.InvalidationLagStage.OCCURRED_TO_BUMPED, Duration.ofMillis(900), 19);
        assertThat(reporter.report().alerts()).isEmpty();

        metrics.lag(io.dashcache.application.port.messages.InvalidationLagStage.OCCURRED_TO_BUMPED, Duration.ofMillis(900), 1);
        assertThat(kinds(reporter.report())).containsExactly(AlertKind.INVALIDATION_LAG);
        assertThat(reporter.report().alerts().get(0).recommendation()).contains("engine publishes its events late");

        pass(MetricsReportSettings.defaults().window().plus(Duration.ofMinutes(1)));
        assertThat(reporter.report().alerts()).isEmpty();
    }

    @Test
    void lags_under_the_default_threshold_raise_nothing() {
        metrics.lag(io.dashcache.application.port.messages.InvalidationLagStage.STREAM_TO_HEARD, Duration.ofMillis(40), 100);

        assertThat(reporter.report().alerts()).isEmpty();
    }
}
