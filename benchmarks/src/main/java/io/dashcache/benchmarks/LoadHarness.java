package io.dashcache.benchmarks;

import io.dashcache.adapters.redis.RedisConnector;
import io.dashcache.domain.KeyFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP load harness, measuring what an instance costs per request with nothing else in its
 * process. It starts each instance as a JVM of its own ({@code io.dashcache.bootstrap.Main}, the
 * default GC and heap, as a user starts it), each with a stand-in engine in a process of its own
 * ({@link StandInEngine}: a fixed latency and answer size, like a remote service), and a bare
 * Javalin endpoint ({@link BareJavalin}) as the floor; this process is only the load client. The
 * phases, each at a fixed rate (an open model, {@link LoadDriver}), the servers taking turns in
 * short slices so neighbours on a shared machine fall on all alike:
 *
 * <ul>
 *   <li>{@code hot}: one key read over and over (all L1 hits) at {@code --hot-rate}, beside the bare
 *       Javalin endpoint answering the same request with a fixed body;</li>
 *   <li>{@code mix}: the Zipf workload ({@link Workload}: nine reads, {@code --events} engine events)
 *       at {@code --rate}.</li>
 * </ul>
 *
 * <p>For each server and phase it reports latency by outcome and hit rate, and the server's cost
 * read from outside it: CPU a request from {@code /proc/<pid>/stat} (also by thread), and from a
 * flight recording taken over the measured slices ({@code jcmd JFR.start}), allocation a request,
 * garbage collections and the top of the profile; the engine calls a request made.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.dashcache.benchmarks.LoadHarness [--rate=5000] [--hot-rate=3000]
 *      [--warmup=20] [--measure=30] [--capacity=0] [--slice=5] [--users=10000] [--zipf=1.0] [--events=0.005]
 *      [--connections=32] [--client=raw|jdk] [--variants=dashcache,nowarm,nol1] [--baseline=other.jar]
 *      [--phases=hot,mix] [--engine-latency-ms=1] [--engine-bytes=330] [--instance-jvm="-XX:+UseZGC"]
 *      [--jfr=true] [--seed=42]
 * </pre>
 */
public final class LoadHarness {

    private static final String MAIN = "io.dashcache.bootstrap.Main";
    private static final List<String> ENGINE_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private LoadHarness() {
    }

    /** One server under load: an instance (with its own engine and key prefix) or the bare Javalin floor. */
    private record Target(String name, ServerProcess server, ServerProcess engine, String prefix) {

        boolean isInstance() {
            return engine != null;
        }
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
        String ownJar = System.getProperty("java.class.path");
        List<Target> targets = new ArrayList<>();
        try (RedisConnector redis = BenchRedis.connect(2)) {
            out.println("machine: " + Machine.describe(redis.client()));
            Workload probe = new Workload(options.users(), options.zipf(), options.events(), "probe");
            out.printf(Locale.ROOT, "workload: hot key at %.0f req/s; mix at %.0f req/s over %d users, Zipf s=%.2f "
                            + "(top 1 %% of users = %.1f %% of per-user reads), %.2f %% events; %s client, %d "
                            + "connections; stand-in engine %.1f ms, %d-byte answers; instance JVM options: %s%n",
                    options.hotRate(), options.rate(), options.users(), options.zipf(),
                    100 * probe.users().shareOfTop(Math.max(1, options.users() / 100)), 100 * options.events(),
                    options.client(), options.connections(), options.engineLatencyMs(), options.engineBytes(),
                    options.instanceJvm().isEmpty() ? "none (default GC and heap)" : options.instanceJvm());
            try {
                for (String variant : options.variants()) {
                    targets.add(instance(variant, ownJar, overrides(variant), options));
                }
                if (!options.baseline().isEmpty()) {
                    targets.add(instance("baseline", options.baseline(), Map.of(), options));
                }
                if (options.phases().contains("hot")) {
                    int port = ServerProcess.freePort();
                    targets.add(new Target("bare Javalin", ServerProcess.start("bare-javalin", ownJar,
                            options.instanceJvm(), BareJavalin.class.getName(),
                            List.of("--port=" + port, "--bytes=" + options.engineBytes()), Map.of(), port), null, null));
                }
                for (Target target : targets) {
                    out.println(target.name() + describe(target.name()) + ": pid " + target.server().pid() + ", port " + target.server().port()
                            + ", log " + target.server().log());
                }
                HarnessReport report = new HarnessReport(out);
                List<HarnessReport.Summary> summaries = new ArrayList<>();
                for (String phase : options.phases()) {
                    List<Target> inPhase = phase.equals("hot") ? targets
                            : targets.stream().filter(Target::isInstance).toList();
                    Map<Target, LoadDriver> drivers = new HashMap<>();
                    Map<Target, VariantTally> tallies = new HashMap<>();
                    for (Target target : inPhase) {
                        Workload workload = phase.equals("hot") ? Workload.hotKey()
                                : new Workload(options.users(), options.zipf(), options.events(),
                                target.prefix() == null ? "floor" : target.prefix());
                        drivers.put(target, driver(target, workload, options, redis));
                        tallies.put(target, new VariantTally());
                    }
                    drive(phase, inPhase, drivers, tallies, options);
                    for (Target target : inPhase) {
                        summaries.add(report.variant(phase, target.name(), options, tallies.get(target),
                                drivers.get(target).failures()));
                    }
                }
                report.compare(summaries);
            } finally {
                for (Target target : targets) {
                    target.server().close();
                    if (target.engine() != null) {
                        target.engine().close();
                    }
                    if (target.prefix() != null) {
                        BenchRedis.deleteEverything(redis.client(), KeyFormat.standalone(target.prefix()));
                    }
                }
            }
            out.println("load average at the end: " + Machine.loadAverage());
        }
    }

    private static String describe(String target) {
        return target.equals("baseline") ? " (the jar given with --baseline)"
                : overrides(target).isEmpty() ? "" : " " + overrides(target);
    }

    private static Map<String, String> overrides(String variant) {
        return switch (variant) {
            case "nowarm" -> Map.of("DASHCACHE_WARM_ON_FIRST_READ", "false");
            case "nol1" -> Map.of("DASHCACHE_L1_MAX_BYTES", "0");
            default -> Map.of();
        };
    }

    /** Warm-up and measured slices, the servers taking turns (the order rotating each round), then capacity. */
    private static void drive(String phase, List<Target> targets, Map<Target, LoadDriver> drivers,
                              Map<Target, VariantTally> tallies, HarnessOptions options) throws Exception {
        Duration slice = options.slice();
        int warmupSlices = slices(options.warmup(), slice);
        int measureSlices = slices(options.measure(), slice);
        double rate = phase.equals("hot") ? options.hotRate() : options.rate();
        for (int round = 0; round < warmupSlices + measureSlices; round++) {
            boolean measured = round >= warmupSlices;
            if (round == warmupSlices && options.jfr()) {
                targets.forEach(target -> target.server().startRecording("cost-" + phase));
            }
            for (int turn = 0; turn < targets.size(); turn++) {
                Target target = targets.get((turn + round) % targets.size());
                Map<String, Long> threadsBefore = ProcCpu.byThreadGroup(target.server().pid());
                long engineBefore = engineCalls(target);
                LoadDriver.Slice done = drivers.get(target).open(rate, slice, measured, options.seed() * 1000 + round);
                tallies.get(target).add(done, ProcCpu.difference(threadsBefore,
                        ProcCpu.byThreadGroup(target.server().pid())), engineCalls(target) - engineBefore);
            }
            if (round == warmupSlices - 1 || round == warmupSlices + measureSlices - 1) {
                System.out.println(phase + ": " + (measured ? "measured" : "warmed up") + "; load average "
                        + Machine.loadAverage());
            }
        }
        if (options.jfr()) {
            for (Target target : targets) {
                Path file = Files.createTempFile("dashcache-load-" + phase + "-"
                        + target.name().replaceAll("[^A-Za-z0-9]+", "-") + "-", ".jfr");
                target.server().stopRecording("cost-" + phase, file);
                tallies.get(target).profile(JfrProfile.read(file));
                System.out.println(phase + ", " + target.name() + ": flight recording " + file);
            }
        }
        if (phase.equals("mix")) {
            int capacitySlices = slices(options.capacity(), slice);
            for (int round = 0; round < capacitySlices; round++) {
                for (int turn = 0; turn < targets.size(); turn++) {
                    Target target = targets.get((turn + round) % targets.size());
                    tallies.get(target).add(drivers.get(target).closed(slice, options.seed() * 1000 + 500 + round));
                }
            }
        }
    }

    private static int slices(Duration total, Duration slice) {
        return (int) ((total.toMillis() + slice.toMillis() - 1) / slice.toMillis());
    }

    private static Target instance(String name, String classpath, Map<String, String> overrides,
                                   HarnessOptions options) throws IOException {
        int enginePort = ServerProcess.freePort();
        ServerProcess engine = ServerProcess.start(name + "-engine", System.getProperty("java.class.path"),
                ENGINE_JVM, StandInEngine.class.getName(), List.of("--port=" + enginePort,
                        "--latency-ms=" + options.engineLatencyMs(), "--bytes=" + options.engineBytes()), Map.of(),
                enginePort);
        String prefix = BenchRedis.uniquePrefix("load");
        int port = ServerProcess.freePort();
        Map<String, String> environment = new HashMap<>(Map.of(
                "DASHCACHE_HTTP_PORT", Integer.toString(port),
                "DASHCACHE_REDIS_URL", BenchRedis.url(),
                "DASHCACHE_KEY_PREFIX", prefix,
                "DASHCACHE_ENGINE_URL", "http://127.0.0.1:" + enginePort));
        environment.putAll(overrides);
        ServerProcess server = ServerProcess.start(name, classpath, options.instanceJvm(), MAIN, List.of(),
                environment, port);
        return new Target(name, server, engine, prefix);
    }

    private static LoadDriver driver(Target target, Workload workload, HarnessOptions options,
                                     RedisConnector redis) {
        int port = target.server().port();
        HttpClient jdk = options.client().equals("jdk") ? JdkHttpConnection.sharedClient() : null;
        IntFunction<HttpConnection> connections = worker -> jdk != null ? new JdkHttpConnection(jdk, port)
                : new RawHttpConnection(port);
        return new LoadDriver(connections, workload, options.connections(), target.server()::cpuNanos,
                () -> Machine.redisCpuSeconds(redis.client()));
    }

    private static final Pattern CALLS = Pattern.compile("\"calls\":(\\d+)");

    /** The calls the target's engine has served so far; 0 for the floor, which has none. */
    private static long engineCalls(Target target) {
        if (target.engine() == null) {
            return 0;
        }
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:"
                    + target.engine().port() + "/stats").toURL().openConnection();
            try (InputStream in = connection.getInputStream()) {
                Matcher calls = CALLS.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (!calls.find()) {
                    throw new IllegalStateException("the stand-in engine's /stats has no call count");
                }
                return Long.parseLong(calls.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stand-in engine's /stats", e);
        }
    }
}
