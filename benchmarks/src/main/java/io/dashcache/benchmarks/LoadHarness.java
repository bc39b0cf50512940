package io.dashcache.benchmarks;

import io.dashcache.adapters.redis.RedisConnector;
import io.dashcache.bootstrap.ConfigLoader;
import io.dashcache.bootstrap.Dashcache;
import io.dashcache.domain.KeyFormat;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The HTTP load harness: starts two dashcache instances in this JVM (embedded demo engine, the local
 * Redis, each under a fresh prefix, free ports), one with L1 and one without
 * ({@code DASHCACHE_L1_MAX_BYTES=0}), and drives the same Zipf workload at each at a fixed rate
 * through keep-alive connections on 127.0.0.1. The two take turns in short slices (warm-up, then
 * measurement, then a closed-loop capacity run), so both see the same JIT-compiled code and the same
 * neighbours on a shared machine; their ratio comes from one run. It prints latency by outcome, the
 * hit rate (beside the best an on-demand cache could do on the same requests) and the CPU used by
 * the client, the instance and Redis, then both side by side.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.dashcache.benchmarks.LoadHarness [--rate=5000] [--warmup=20]
 *      [--measure=30] [--capacity=10] [--slice=5] [--users=10000] [--zipf=1.0] [--events=0.005]
 *      [--connections=32] [--client=raw|jdk] [--variants=both|l1|nol1] [--seed=42]
 * </pre>
 */
public final class LoadHarness {

    private LoadHarness() {
    }

    /** One instance under load: its name, how it is configured, and what it measured. */
    private record Variant(String name, String prefix, Dashcache instance, LoadDriver driver, VariantTally tally) {
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
        List<Variant> variants = new ArrayList<>();
        try (RedisConnector redis = BenchRedis.connect(2)) {
            out.println("machine: " + Machine.describe(redis.client()));
            Workload probe = new Workload(options.users(), options.zipf(), options.events(), "probe");
            out.printf(Locale.ROOT, "workload: %d users, Zipf s=%.2f (top 1 %% of users = %.1f %% of per-user reads), "
                            + "%.2f %% events, %s client, %d connections%n", options.users(), options.zipf(),
                    100 * probe.users().shareOfTop(Math.max(1, options.users() / 100)), 100 * options.events(),
                    options.client(), options.connections());
            try {
                if (!options.variants().equals("nol1")) {
                    variants.add(start("with L1", Map.of(), options, redis));
                }
                if (!options.variants().equals("l1")) {
                    variants.add(start("without L1 (L1_MAX_BYTES=0)", Map.of("DASHCACHE_L1_MAX_BYTES", "0"), options,
                            redis));
                }
                drive(variants, options);
                HarnessReport report = new HarnessReport(out);
                List<HarnessReport.Summary> summaries = new ArrayList<>();
                for (Variant variant : variants) {
                    summaries.add(report.variant(variant.name(), options, variant.tally(), variant.driver().failures()));
                }
                if (summaries.size() > 1) {
                    report.compare(summaries);
                }
            } finally {
                for (Variant variant : variants) {
                    variant.instance().close();
                    BenchRedis.deleteEverything(redis.client(), KeyFormat.standalone(variant.prefix()));
                }
            }
            out.println("load average at the end: " + Machine.loadAverage());
        }
    }

    /** Warm-up, measurement and capacity slices, the variants taking turns (order flipping each round). */
    private static void drive(List<Variant> variants, HarnessOptions options) throws InterruptedException {
        Duration slice = options.slice();
        int warmupSlices = slices(options.warmup(), slice);
        int measureSlices = slices(options.measure(), slice);
        for (int round = 0; round < warmupSlices + measureSlices; round++) {
            boolean measured = round >= warmupSlices;
            for (int turn = 0; turn < variants.size(); turn++) {
                Variant variant = variants.get((turn + round) % variants.size());
                variant.tally().add(variant.driver().open(options.rate(), slice, measured,
                        options.seed() * 1000 + round));
            }
            if (round == warmupSlices - 1 || round == warmupSlices + measureSlices - 1) {
                System.out.println((measured ? "measured" : "warmed up") + "; load average " + Machine.loadAverage());
            }
        }
        int capacitySlices = slices(options.capacity(), slice);
        for (int round = 0; round < capacitySlices; round++) {
            for (int turn = 0; turn < variants.size(); turn++) {
                Variant variant = variants.get((turn + round) % variants.size());
                variant.tally().add(variant.driver().closed(slice, options.seed() * 1000 + 500 + round));
            }
        }
    }

    private static int slices(Duration total, Duration slice) {
        return (int) ((total.toMillis() + slice.toMillis() - 1) / slice.toMillis());
    }

    private static Variant start(String name, Map<String, String> overrides, HarnessOptions options,
                                 RedisConnector redis) {
        String prefix = BenchRedis.uniquePrefix("load");
        Map<String, String> environment = new HashMap<>(Map.of(
                "DASHCACHE_HTTP_PORT", "0",
                "DASHCACHE_REDIS_URL", BenchRedis.url(),
                "DASHCACHE_KEY_PREFIX", prefix,
                "DASHCACHE_DEMO_EVENTS_PER_MINUTE", "0"));
        environment.putAll(overrides);
        Dashcache instance = Dashcache.start(ConfigLoader.load(environment));
        int port = instance.port();
        HttpClient jdk = options.client().equals("jdk") ? JdkHttpConnection.sharedClient() : null;
        IntFunction<HttpConnection> connections = worker -> jdk != null ? new JdkHttpConnection(jdk, port)
                : new RawHttpConnection(port);
        Workload workload = new Workload(options.users(), options.zipf(), options.events(), prefix);
        LoadDriver driver = new LoadDriver(connections, workload, options.connections(),
                () -> Machine.redisCpuSeconds(redis.client()));
        return new Variant(name, prefix, instance, driver, new VariantTally());
    }
}
