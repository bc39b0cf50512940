package io.dashcache.bootstrap.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dashcache.testsupport.PrometheusExposition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every query of the Grafana dashboard in {@code docs/grafana/dashcache.json} names series that a
 * whole instance's {@code /metrics} really exposes, so a renamed metric breaks this test and not,
 * silently, an operator's panel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("").toAbsolutePath().getParent()
            .resolve("docs").resolve("grafana").resolve("dashcache.json");
    /** No series is excused: every name a query reads must be in {@code /metrics}. */
    private static final Set<String> NONE_EXCUSED = Set.of();
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'");
    private static final Pattern LABEL_LIST = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern LABEL_VALUES = Pattern.compile("\\blabel_values\\s*\\(([^,)]+),\\s*[A-Za-z_]\\w*\\s*\\)");
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern DURATION = Pattern.compile("(?<![A-Za-z_:\\d])(?:\\d+(?:ms|[smhdwy]))+(?![A-Za-z_\\d])");
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_:\\d])\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");

    private RunningInstance dashcache;

    @BeforeAll
    void startAnInstanceWithSomeReads() {
        dashcache = RunningInstance.start(Map.of());
        assertThat(dashcache.read("/api/dashboard/overview", "u1", 5)).isEqualTo(5);
        assertThat(dashcache.read("/api/dashboard/system-status", "u1", 5)).isEqualTo(5);
        // a counter per cause appears with its first invalidation, as on any instance that has run a while
        assertThat(dashcache.post("/api/cache/invalidate", "{\"type\":\"overview\"}").statusCode()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        dashcache.close();
    }

    /** The metric names one PromQL expression (or Grafana variable query) reads. */
    static Set<String> metricNames(String expression) {
        String rest = STRING.matcher(expression).replaceAll("\"\"");
        rest = LABEL_VALUES.matcher(rest).replaceAll("$1");
        rest = rest.replaceAll("\\{[^}]*}", "{}").replaceAll("\\[[^]]*]", "[]");
        rest = LABEL_LIST.matcher(rest).replaceAll(" ");
        rest = GRAFANA_VARIABLE.matcher(rest).replaceAll(" ");
        rest = DURATION.matcher(rest).replaceAll(" ");
        rest = NUMBER.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            String name = identifier.group();
            boolean isFunction = rest.substring(identifier.end()).matches("(?s)\\s*\\(.*");
            if (!isFunction && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    /** Every {@code expr} of every panel, and the query of every query variable. */
    static List<String> queries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> queries.add(expr.asText()));
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                queries.add(query.isObject() ? query.path("query").asText() : query.asText());
            }
        }
        return queries;
    }

    /** Each name a query reads that {@code exposed} lacks and {@code allowed} does not excuse, with its query. */
    static List<String> unknownSeries(JsonNode dashboard, Set<String> exposed, Set<String> allowed) {
        List<String> unknown = new ArrayList<>();
        for (String query : queries(dashboard)) {
            for (String name : metricNames(query)) {
                if (!exposed.contains(name) && !allowed.contains(name)) {
                    unknown.add(name + " in " + query);
                }
            }
        }
        return unknown;
    }

    private Set<String> exposedSeries() {
        PrometheusExposition metrics = PrometheusExposition.parse(dashcache.get("/metrics").body());
        return metrics.samples().stream().map(PrometheusExposition.Sample::name).collect(Collectors.toSet());
    }

    private static JsonNode dashboard() throws IOException {
        assertThat(DASHBOARD).as("the dashboard (tests run in bootstrap/)").isRegularFile();
        return new ObjectMapper().readTree(Files.readString(DASHBOARD));
    }

    @Test
    void every_query_of_the_dashboard_names_a_series_the_instance_exposes() throws IOException {
        JsonNode dashboard = dashboard();
        Set<String> exposed = exposedSeries();

        assertThat(dashboard.path("title").asText()).isEqualTo("dashcache");
        assertThat(dashboard.path("panels").size()).isGreaterThan(8);
        List<String> queries = queries(dashboard);
        assertThat(queries).hasSizeGreaterThan(10).allSatisfy(query -> assertThat(metricNames(query)).as(query).isNotEmpty());
        assertThat(unknownSeries(dashboard, exposed, NONE_EXCUSED)).isEmpty();
        // the panels the issue asks for: hit rate per type and tier, latency, lag, breaker, warm queue
        Set<String> named = queries.stream().flatMap(query -> metricNames(query).stream()).collect(Collectors.toSet());
        assertThat(named).contains("dashcache_cache_gets_total", "dashcache_cache_request_duration_seconds_bucket",
                "dashcache_invalidation_lag_seconds_bucket", "dashcache_redis_breaker_state", "dashcache_warmer_queue_length");
        assertThat(queries).anyMatch(query -> query.contains("sum by (type, outcome)"))
                .anyMatch(query -> query.startsWith("histogram_quantile(0.99"));
    }

    @Test
    void the_check_names_each_series_the_instance_does_not_expose() throws IOException {
        Set<String> exposed = exposedSeries();
        JsonNode wrong = new ObjectMapper().readTree("""
                {"panels": [{"targets": [{"expr": "sum(rate(dashcache_cache_gets_totl[5m]))"},
                                         {"expr": "rate(dashcache_warmer_queue_length_count[5m])"},
                                         {"expr": "dashcache_warmer_queue_length"}]}],
                 "templating": {"list": [{"type": "query", "query": "label_values(dashcache_nothing_total, instance)"}]}}
                """);

        assertThat(unknownSeries(wrong, exposed, NONE_EXCUSED)).containsExactly(
                "dashcache_cache_gets_totl in sum(rate(dashcache_cache_gets_totl[5m]))",
                "dashcache_warmer_queue_length_count in rate(dashcache_warmer_queue_length_count[5m])",
                "dashcache_nothing_total in label_values(dashcache_nothing_total, instance)");
        assertThat(exposed).contains("dashcache_redis_breaker_state", "dashcache_warmer_queue_length",
                "dashcache_cache_request_duration_seconds_bucket", "dashcache_invalidation_lag_seconds_bucket");
    }

    @Test
    void metric_names_are_told_from_functions_labels_numbers_durations_and_grafana_variables() {
        assertThat(metricNames("sum by (type, outcome) (rate(dashcache_cache_gets_total{instance=~\"$instance\","
                + "outcome=~\"L1_HIT|L2_HIT\"}[$__rate_interval])) / ignoring (outcome) group_left "
                + "sum by (type) (rate(dashcache_cache_gets_total[5m]))"))
                .containsExactly("dashcache_cache_gets_total");
        assertThat(metricNames("histogram_quantile(0.95, sum by (le) (rate(a_bucket{le=\"0.1\"}[1m]))) > 1e-3 "
                + "and on (instance) b_seconds_count offset 5m"))
                .containsExactly("a_bucket", "b_seconds_count");
        assertThat(metricNames("max by (instance) (dashcache_redis_breaker_state{instance=~\"${instance}\"}) * 2"))
                .containsExactly("dashcache_redis_breaker_state");
        assertThat(metricNames("label_values(dashcache_cache_gets_total, instance)"))
                .containsExactly("dashcache_cache_gets_total");
        assertThat(metricNames("up")).containsExactly("up");
    }
}
