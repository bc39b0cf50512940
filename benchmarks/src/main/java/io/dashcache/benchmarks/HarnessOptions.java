package io.dashcache.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The load harness's options, {@code --name=value}; every one has a default, so no argument at all
 * runs the documented workload.
 *
 * @param rate        requests per second, sent on schedule whatever the answers take (open model)
 * @param warmup      time at the rate before measuring
 * @param measure     time measured
 * @param capacity    time of the closed-loop run after it (all connections back to back); zero skips it
 * @param users       how many users the Zipf distribution spreads over
 * @param zipf        its exponent
 * @param events      share of requests that are engine events
 * @param connections keep-alive connections, one sending thread each
 * @param client      {@code raw} (a minimal keep-alive socket client) or {@code jdk} (java.net.http)
 * @param variants    {@code both}, {@code l1} or {@code nol1}
 * @param seed        seed of the workload's randomness (the same for both variants)
 * @param slice       the variants take turns in slices of this length, so a busy neighbour hits both alike
 */
record HarnessOptions(double rate, Duration warmup, Duration measure, Duration capacity, int users, double zipf,
                      double events, int connections, String client, String variants, long seed, Duration slice) {

    private static final Set<String> NAMES = Set.of("rate", "warmup", "measure", "capacity", "users", "zipf",
            "events", "connections", "client", "variants", "seed", "slice");

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
                Duration.ofSeconds((long) number(given, "warmup", 20)),
                Duration.ofSeconds((long) number(given, "measure", 30)),
                Duration.ofSeconds((long) number(given, "capacity", 10)),
                (int) number(given, "users", 10_000),
                number(given, "zipf", 1.0),
                number(given, "events", 0.005),
                (int) number(given, "connections", 32),
                given.getOrDefault("client", "raw"),
                given.getOrDefault("variants", "both"),
                (long) number(given, "seed", 42),
                Duration.ofSeconds((long) number(given, "slice", 5)));
        options.check();
        return options;
    }

    private void check() {
        require(rate >= 1 && rate <= 100_000, "--rate must be from 1 to 100000 requests per second");
        require(!measure.isZero() && measure.toSeconds() <= 600 && warmup.toSeconds() <= 600
                && capacity.toSeconds() <= 600, "--warmup, --measure and --capacity are at most 600 s, measure > 0");
        require(slice.toSeconds() >= 1 && slice.toSeconds() <= 60, "--slice must be from 1 to 60 seconds");
        require(users >= 1 && users <= 10_000_000, "--users must be from 1 to 10000000");
        require(zipf >= 0 && zipf <= 5, "--zipf must be from 0 to 5");
        require(events >= 0 && events <= 1, "--events is a share from 0 to 1");
        require(connections >= 1 && connections <= 512, "--connections must be from 1 to 512");
        require(client.equals("raw") || client.equals("jdk"), "--client is raw or jdk");
        require(Set.of("both", "l1", "nol1").contains(variants), "--variants is both, l1 or nol1");
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
