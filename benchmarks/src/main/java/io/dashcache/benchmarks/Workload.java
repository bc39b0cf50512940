package io.dashcache.benchmarks;

import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Period;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The harness's mix: reads of all nine data types for Zipf-distributed users, with a share of
 * {@code detection.created} events for Zipf-distributed users mixed in. Weights in percent of reads:
 *
 * <pre>
 * overview 20, widget_data 20 (heatmap 40 %, camera-grid 30 %, timeline 20 %, alerts 10 %),
 * notifications 10, recent_activity 10, system_status 10, analytics 10, user_preferences 8,
 * performance_metrics 7, aggregated_analytics 5; periods 1h 20 %, 24h 40 %, 7d 30 %, 30d 10 %
 * </pre>
 */
final class Workload {

    private static final String BASE = "/api/dashboard";
    private static final List<WidgetType> WIDGETS = weighted(
            Map.of(WidgetType.of("heatmap"), 4, WidgetType.of("camera-grid"), 3, WidgetType.of("timeline"), 2,
                    WidgetType.of("alerts"), 1));
    private static final List<Period> PERIODS = weighted(
            Map.of(Period.LAST_HOUR, 2, Period.LAST_DAY, 4, Period.LAST_WEEK, 3, Period.LAST_MONTH, 1));
    private static final Map<Integer, UserId> USERS = new ConcurrentHashMap<>();

    private final Zipf users;
    private final double eventShare;
    private final String runId;
    private final AtomicLong events = new AtomicLong();
    private final Call only;

    Workload(int userCount, double zipfS, double eventShare, String runId) {
        this(userCount, zipfS, eventShare, runId, null);
    }

    private Workload(int userCount, double zipfS, double eventShare, String runId, Call only) {
        this.users = new Zipf(userCount, zipfS);
        this.eventShare = eventShare;
        this.runId = runId;
        this.only = only;
    }

    /** One hot key read over and over: after the first, every read is an L1 hit. */
    static Workload hotKey() {
        return new Workload(1, 0, 0, "hot",
                Call.read(CacheKey.forUser(DataType.OVERVIEW, UserId.of("hot")), BASE + "/overview"));
    }

    Call next(SplittableRandom random) {
        if (only != null) {
            return only;
        }
        if (random.nextDouble() < eventShare) {
            UserId user = user(random);
            return Call.event(user, "{\"eventId\":\"" + runId + "-" + events.incrementAndGet()
                    + "\",\"type\":\"detection.created\",\"userId\":\"" + user.value()
                    + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\"}");
        }
        int pick = random.nextInt(100);
        if (pick < 20) {
            return perUser(DataType.OVERVIEW, "/overview", random);
        }
        if (pick < 40) {
            WidgetType widget = WIDGETS.get(random.nextInt(WIDGETS.size()));
            return Call.read(CacheKey.widget(user(random), widget), BASE + "/widgets/" + widget.value());
        }
        if (pick < 50) {
            return perUser(DataType.NOTIFICATIONS, "/notifications", random);
        }
        if (pick < 60) {
            return perUser(DataType.RECENT_ACTIVITY, "/recent-activity", random);
        }
        if (pick < 70) {
            return Call.read(CacheKey.global(DataType.SYSTEM_STATUS), BASE + "/system-status");
        }
        if (pick < 80) {
            return perPeriod(DataType.ANALYTICS, "/analytics", random);
        }
        if (pick < 88) {
            return perUser(DataType.USER_PREFERENCES, "/preferences", random);
        }
        if (pick < 95) {
            return Call.read(CacheKey.global(DataType.PERFORMANCE_METRICS), BASE + "/performance-metrics");
        }
        return perPeriod(DataType.AGGREGATED_ANALYTICS, "/aggregated-analytics", random);
    }

    private Call perUser(DataType type, String path, SplittableRandom random) {
        return Call.read(CacheKey.forUser(type, user(random)), BASE + path);
    }

    private static Call perPeriod(DataType type, String path, SplittableRandom random) {
        Period period = PERIODS.get(random.nextInt(PERIODS.size()));
        return Call.read(CacheKey.forPeriod(type, period), BASE + path + "?period=" + period.code());
    }

    /** Users are named by their rank: {@code u1} is the most active. */
    private UserId user(SplittableRandom random) {
        return USERS.computeIfAbsent(users.next(random), rank -> UserId.of("u" + rank));
    }

    Zipf users() {
        return users;
    }

    private static <T> List<T> weighted(Map<T, Integer> weights) {
        List<T> out = new ArrayList<>();
        weights.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.reverseOrder()))
                .forEach(entry -> out.addAll(Collections.nCopies(entry.getValue(), entry.getKey())));
        return List.copyOf(out);
    }
}
