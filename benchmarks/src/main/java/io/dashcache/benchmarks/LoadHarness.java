package io.dashcache.benchmarks;

import io.dashcache.adapters.redis.RedisConnector;
import io.dashcache.bootstrap.ConfigLoader;
import io.dashcache.bootstrap.Dashcache;
import io.dashcache.domain.KeyFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The HTTP load harness: starts a dashcache instance in this JVM (embedded demo engine, the local
 * Redis under a fresh prefix, a free port), drives the Zipf workload at a fixed rate through
 * keep-alive connections on 127.0.0.1, prints latency by outcome and the hit rate, then does the same
 * against an instance without L1 ({@code DASHCACHE_L1_MAX_BYTES=0}), and prints both side by side.
 * Each variant runs in a JVM of its own (started like this one), so the second does not run on code
 * the first has already compiled.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.dashcache.benchmarks.LoadHarness [--rate=5000] [--warmup=20]
 *      [--measure=30] [--capacity=10] [--users=10000] [--zipf=1.0] [--events=0.005] [--connections=32]
 *      [--client=raw|jdk] [--variants=both|l1|nol1] [--seed=42] [--fork=true]
 * </pre>
 *
 * Client and server share the machine's cores; the report says how much CPU each used.
 */
public final class LoadHarness {

    /** The variants by their option name, in the order they run, with the variables that make them. */
    private static final Map<String, Map<String, String>> VARIANTS = new LinkedHashMap<>();
    private static final Map<String, String> VARIANT_NAMES = Map.of("l1", "with L1",
            "nol1", "without L1 (L1_MAX_BYTES=0)");

    static {
        VARIANTS.put("l1", Map.of());
        VARIANTS.put("nol1", Map.of("DASHCACHE_L1_MAX_BYTES", "0"));
    }

    private LoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        HarnessReport report = new HarnessReport(out);
        List<HarnessReport.Summary> summaries = new ArrayList<>();
        try (RedisConnector redis = BenchRedis.connect(2)) {
            out.println("machine: " + Machine.describe(redis.client()));
            Workload probe = new Workload(options.users(), options.zipf(), options.events(), "probe");
            out.printf(Locale.ROOT, "workload: %d users, Zipf s=%.2f (top 1 %% of users = %.1f %% of per-user reads), "
                            + "%.2f %% events, %s client, %d connections%n", options.users(), options.zipf(),
                    100 * probe.users().shareOfTop(Math.max(1, options.users() / 100)), 100 * options.events(),
                    options.client(), options.connections());
            for (String variant : VARIANTS.keySet()) {
                if (!options.variants().equals("both") && !options.variants().equals(variant)) {
                    continue;
                }
                HarnessReport.Summary summary = options.fork() && options.variants().equals("both")
                        ? forked(variant, args, out)
                        : run(VARIANT_NAMES.get(variant), VARIANTS.get(variant), options, redis, report);
                out.println(summary.toLine());
                summaries.add(summary);
            }
            if (summaries.size() > 1) {
                report.compare(summaries);
            }
            out.println("load average at the end: " + Machine.loadAverage());
        }
    }

    /** The same harness in a fresh JVM with the same JVM options, for one variant; its summary line is read back. */
    private static HarnessReport.Summary forked(String variant, String[] args, PrintStream out)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadHarness.class.getName()));
        for (String arg : args) {
            if (!arg.startsWith("--variants=") && !arg.startsWith("--fork=")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("--variants=" + variant, "--fork=false"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        HarnessReport.Summary summary = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (HarnessReport.Summary.isLine(line)) {
                    summary = HarnessReport.Summary.fromLine(line);
                } else {
                    out.println(line);
                }
            }
        }
        int exit = child.waitFor();
        if (exit != 0 || summary == null) {
            throw new IllegalStateException("the forked run of " + variant + " failed (exit " + exit + ")");
        }
        return summary;
    }

    private static HarnessReport.Summary run(String name, Map<String, String> overrides, HarnessOptions options,
                                             RedisConnector redis, HarnessReport report) throws InterruptedException {
        String prefix = BenchRedis.uniquePrefix("load");
        Map<String, String> environment = new HashMap<>(Map.of(
                "DASHCACHE_HTTP_PORT", "0",
                "DASHCACHE_REDIS_URL", BenchRedis.url(),
                "DASHCACHE_KEY_PREFIX", prefix,
                "DASHCACHE_DEMO_EVENTS_PER_MINUTE", "0"));
        environment.putAll(overrides);
        try (Dashcache instance = Dashcache.start(ConfigLoader.load(environment))) {
            int port = instance.port();
            HttpClient jdk = options.client().equals("jdk") ? JdkHttpConnection.sharedClient() : null;
            IntFunction<HttpConnection> connections = worker -> jdk != null ? new JdkHttpConnection(jdk, port)
                    : new RawHttpConnection(port);
            Workload workload = new Workload(options.users(), options.zipf(), options.events(), prefix);
            LoadDriver driver = new LoadDriver(connections, workload, options.connections(), options.seed());
            LoadDriver.OpenResult open = driver.open(options.rate(), options.warmup(), options.measure(),
                    () -> Machine.redisCpuSeconds(redis.client()));
            LoadDriver.ClosedResult closed = options.capacity().isZero() ? null : driver.closed(options.capacity());
            return report.variant(name, options, open, closed, driver.failures());
        } finally {
            BenchRedis.deleteEverything(redis.client(), KeyFormat.standalone(prefix));
        }
    }
}
