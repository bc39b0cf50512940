package io.dashcache.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link PeerComparison} (JMH's usual options may follow, e.g. {@code -f 1} or {@code -p metrics=prometheus})
 * and prints, after JMH's own table, the machine and one row per cache: the median of every measured
 * iteration of every fork (reads per second, both threads together), its spread, and the ratios to bare
 * Caffeine and to JetCache with issue 14's targets (at least 0.80 of Caffeine, at least 1.5 of JetCache).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.dashcache.benchmarks.PeerComparisonReport
 * java -cp benchmarks/target/benchmarks.jar io.dashcache.benchmarks.PeerComparisonReport --rounds=6
 * }</pre>
 *
 * <p>With {@code --rounds=N} the headline rows (metrics on) take turns instead: each round runs every row
 * once, in its own short fork, in an order that rotates from round to round, and the ratios are taken
 * within a round, then their median over the rounds. On a machine that others share, one JMH run
 * measures its rows minutes apart, and a neighbour's build moves one row and not the next; rows minutes
 * apart are compared only within a round, seconds apart.
 */
public final class PeerComparisonReport {

    private static final double OF_CAFFEINE = 0.80;
    private static final double OF_JETCACHE = 1.5;

    private PeerComparisonReport() {
    }

    /** The rows a round runs, each a benchmark method and its {@code metrics} parameter (none: no such parameter). */
    private static final List<String[]> HEADLINE = List.of(new String[] {"caffeine", null},
            new String[] {"jetcache", null}, new String[] {"redisson", null},
            new String[] {"dashcacheDashboard", "prometheus"}, new String[] {"dashcacheNamed", "prometheus"});

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        if (args.length > 0 && args[0].startsWith("--rounds=")) {
            rounds(Integer.parseInt(args[0].substring("--rounds=".length())),
                    new CommandLineOptions(java.util.Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        String loadBefore = Machine.loadAverage();
        long started = System.nanoTime();
        CommandLineOptions given = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(given);
        if (given.getIncludes().isEmpty()) {
            options.include(PeerComparison.class.getName() + ".");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, double[]> medians = new LinkedHashMap<>();
        List<String> rows = new ArrayList<>();
        for (RunResult result : results) {
            String name = label(result);
            double[] scores = scores(result);
            medians.put(name, scores);
            rows.add(name);
        }
        double caffeine = median(medians.getOrDefault("caffeine", new double[0]));
        double jetcache = median(medians.getOrDefault("jetcache", new double[0]));
        System.out.printf(Locale.ROOT, "%npeer comparison (issue 14): %d keys, %d-byte values, Zipf s=%.1f, all hits, "
                        + "%d threads; %.1f min%n", PeerWorkload.KEYS, PeerWorkload.VALUE_BYTES, PeerWorkload.ZIPF_S,
                results.isEmpty() ? 0 : results.iterator().next().getParams().getThreads(),
                (System.nanoTime() - started) / 60e9);
        System.out.println("machine: " + Machine.cpuModel() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.vm.version") + "; load average before " + loadBefore
                + ", after " + Machine.loadAverage());
        System.out.printf(Locale.ROOT, "%-40s %14s %14s %14s %6s %10s %10s%n", "reads through", "median reads/s",
                "min", "max", "n", "x Caffeine", "x JetCache");
        for (String row : rows) {
            double[] scores = medians.get(row);
            double median = median(scores);
            System.out.printf(Locale.ROOT, "%-40s %,14.0f %,14.0f %,14.0f %6d %10s %10s%n", row, median,
                    scores.length == 0 ? 0 : scores[0], scores.length == 0 ? 0 : scores[scores.length - 1],
                    scores.length, ratio(median, caffeine, OF_CAFFEINE, row), ratio(median, jetcache, OF_JETCACHE, row));
        }
        System.out.println("(*: a dashcache row that misses issue 14's target, 0.80 x Caffeine and 1.5 x JetCache)");
    }

    private static void rounds(int rounds, CommandLineOptions given) throws RunnerException {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
        String loadBefore = Machine.loadAverage();
        long started = System.nanoTime();
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        Map<String, List<Double>> ofCaffeine = new LinkedHashMap<>();
        Map<String, List<Double>> ofJetcache = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            Map<String, Double> thisRound = new LinkedHashMap<>();
            for (int turn = 0; turn < HEADLINE.size(); turn++) {
                String[] row = HEADLINE.get((turn + round) % HEADLINE.size());
                OptionsBuilder options = new OptionsBuilder();
                options.parent(given);
                options.include(PeerComparison.class.getName() + "." + row[0] + "$").forks(1);
                if (!given.getWarmupIterations().hasValue()) {
                    options.warmupIterations(2);
                }
                if (!given.getMeasurementIterations().hasValue()) {
                    options.measurementIterations(3);
                }
                if (row[1] != null) {
                    options.param("metrics", row[1]);
                }
                for (RunResult result : new Runner(options.build()).run()) {
                    thisRound.put(label(result), median(scores(result)));
                }
            }
            double caffeine = thisRound.getOrDefault("caffeine", Double.NaN);
            double jetcache = thisRound.getOrDefault("jetcache", Double.NaN);
            thisRound.forEach((row, score) -> {
                scores.computeIfAbsent(row, r -> new ArrayList<>()).add(score);
                ofCaffeine.computeIfAbsent(row, r -> new ArrayList<>()).add(score / caffeine);
                ofJetcache.computeIfAbsent(row, r -> new ArrayList<>()).add(score / jetcache);
            });
        }
        System.out.printf(Locale.ROOT, "%npeer comparison (issue 14), %d rounds, rows in turn: %d keys, %d-byte values, "
                        + "Zipf s=%.1f, all hits, 2 threads; %.1f min%n", rounds, PeerWorkload.KEYS,
                PeerWorkload.VALUE_BYTES, PeerWorkload.ZIPF_S, (System.nanoTime() - started) / 60e9);
        System.out.println("machine: " + Machine.cpuModel() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.vm.version") + "; load average before " + loadBefore
                + ", after " + Machine.loadAverage());
        System.out.printf(Locale.ROOT, "%-40s %14s %14s %14s %10s %10s%n", "reads through", "median reads/s", "min",
                "max", "x Caffeine", "x JetCache");
        System.out.printf(Locale.ROOT, "%-40s %14s %14s %14s %10s %10s%n", "", "(of rounds)", "", "",
                "(median of the rounds' ratios)", "");
        scores.forEach((row, values) -> {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "%-40s %,14.0f %,14.0f %,14.0f %10s %10s%n", row, median(sorted),
                    sorted[0], sorted[sorted.length - 1], ratio(median(sortedOf(ofCaffeine.get(row))), 1, OF_CAFFEINE, row),
                    ratio(median(sortedOf(ofJetcache.get(row))), 1, OF_JETCACHE, row));
        });
        System.out.println("(*: a dashcache row that misses issue 14's target, 0.80 x Caffeine and 1.5 x JetCache)");
    }

    private static double[] sortedOf(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /** The benchmark's method name, and its metrics parameter where it has one. */
    private static String label(RunResult result) {
        String benchmark = result.getParams().getBenchmark();
        String name = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        String metrics = result.getParams().getParam("metrics");
        return metrics == null ? name : name + " (metrics " + metrics + ")";
    }

    /** Every measured iteration's score of every fork, sorted. */
    private static double[] scores(RunResult result) {
        List<Double> all = new ArrayList<>();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                all.add(iteration.getPrimaryResult().getScore());
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double median(double[] sorted) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String ratio(double value, double base, double target, String row) {
        if (Double.isNaN(base) || Double.isNaN(value)) {
            return "-";
        }
        double ratio = value / base;
        boolean missed = row.startsWith("dashcache") && ratio < target;
        return String.format(Locale.ROOT, "%.2f%s", ratio, missed ? "*" : "");
    }
}
