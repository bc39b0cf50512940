package io.dashcache.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The load harness's options, {@code --name=value}; every one has a default, so no argument at all
 * runs the documented workload.
 *
 * @param rate             requests per second of the Zipf mix, sent on schedule whatever the answers take (open model)
 * @param hotRate          requests per second of the hot-key phase
 * @param warmup           time at the rate before measuring, each phase
 * @param measure          time measured, each phase
 * @param capacity         time of the closed-loop run after the mix (all connections back to back); zero skips it
 * @param users            how many users the Zipf distribution spreads over
 * @param zipf             its exponent
 * @param events           share of requests that are engine events
 * @param connections      keep-alive connections, one sending thread each
 * @param client           {@code raw} (a minimal keep-alive socket client) or {@code jdk} (java.net.http)
 * @param variants         the instances to start, each a process of its own: {@code dashcache} (defaults),
 *                         {@code nowarm} ({@code DASHCACHE_WARM_ON_FIRST_READ=false}), {@code nol1}
 *                         ({@code DASHCACHE_L1_MAX_BYTES=0})
 * @param baseline         a jar holding another build (a benchmarks.jar or the bootstrap's dashcache.jar),
 *                         started beside the others as {@code baseline}; empty: none
 * @param phases           {@code hot} (one key, all L1 hits, beside a bare Javalin endpoint) and {@code mix}
 * @param engineLatencyMs  how long the stand-in engine waits before each answer
 * @param engineBytes      the size of its answers
 * @param instanceJvm      JVM options for the instances and the bare Javalin, space-separated; empty = what a
 *                         user starts (default GC and heap)
 * @param jfr              whether to take a flight recording of each server in each phase
 * @param seed             seed of the workload's randomness (the same for every variant)
 * @param slice            the variants take turns in slices of this length, so a busy neighbour hits all alike
 */
record HarnessOptions(double rate, double hotRate, Duration warmup, Duration measure, Duration capacity, int users,
                      double zipf, double events, int connections, String client, List<String> variants,
                      String baseline, List<String> phases, double engineLatencyMs, int engineBytes,
                      List<String> instanceJvm, boolean jfr, long seed, Duration slice) {

    static final Set<String> VARIANTS = Set.of("dashcache", "nowarm", "nol1");
    private static final Set<String> NAMES = Set.of("rate", "hot-rate", "warmup", "measure", "capacity", "users",
            "zipf", "events", "connections", "client", "variants", "baseline", "phases", "engine-latency-ms",
            "engine-bytes", "instance-jvm", "jfr", "seed", "slice");

    static HarnessOptions parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : "";
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; the options are --"
                        + String.join("=, --", NAMES.stream().sorted().toList()) + "=");
            }
            given.put(name, arg.substring(equals + 1));
        }
        HarnessOptions options = new HarnessOptions(
                number(given, "rate", 5000),
                number(given, "hot-rate", 3000),
                Duration.ofSeconds((long) number(given, "warmup", 20)),
                Duration.ofSeconds((long) number(given, "measure", 30)),
                Duration.ofSeconds((long) number(given, "capacity", 0)),
                (int) number(given, "users", 10_000),
                number(given, "zipf", 1.0),
                number(given, "events", 0.005),
                (int) number(given, "connections", 32),
                given.getOrDefault("client", "raw"),
                list(given.getOrDefault("variants", "dashcache,nowarm"), ","),
                given.getOrDefault("baseline", ""),
                list(given.getOrDefault("phases", "hot,mix"), ","),
                number(given, "engine-latency-ms", 1),
                (int) number(given, "engine-bytes", 330),
                list(given.getOrDefault("instance-jvm", ""), " "),
                Boolean.parseBoolean(given.getOrDefault("jfr", "true")),
                (long) number(given, "seed", 42),
                Duration.ofSeconds((long) number(given, "slice", 5)));
        options.check();
        return options;
    }

    private void check() {
        require(rate >= 1 && rate <= 100_000 && hotRate >= 1 && hotRate <= 100_000,
                "--rate and --hot-rate must be from 1 to 100000 requests per second");
        require(!measure.isZero() && measure.toSeconds() <= 600 && warmup.toSeconds() <= 600
                && capacity.toSeconds() <= 600, "--warmup, --measure and --capacity are at most 600 s, measure > 0");
        require(slice.toSeconds() >= 1 && slice.toSeconds() <= 60, "--slice must be from 1 to 60 seconds");
        require(users >= 1 && users <= 10_000_000, "--users must be from 1 to 10000000");
        require(zipf >= 0 && zipf <= 5, "--zipf must be from 0 to 5");
        require(events >= 0 && events <= 1, "--events is a share from 0 to 1");
        require(connections >= 1 && connections <= 512, "--connections must be from 1 to 512");
        require(client.equals("raw") || client.equals("jdk"), "--client is raw or jdk");
        require(VARIANTS.containsAll(variants) && (!variants.isEmpty() || !baseline.isEmpty()),
                "--variants is a comma-separated list of dashcache, nowarm, nol1");
        require(Set.of("hot", "mix").containsAll(phases) && !phases.isEmpty(), "--phases is hot, mix or hot,mix");
        require(engineLatencyMs >= 0 && engineLatencyMs <= 1000, "--engine-latency-ms must be from 0 to 1000");
        require(engineBytes >= 2 && engineBytes <= 1_000_000, "--engine-bytes must be from 2 to 1000000");
    }

    private static List<String> list(String value, String separator) {
        return Arrays.stream(value.split(separator)).map(String::trim).filter(part -> !part.isEmpty()).toList();
    }

    private static double number(Map<String, String> given, String name, double fallback) {
        String value = given.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + value + "'");
        }
    }

    private static void require(boolean ok, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(rule);
        }
    }
}
