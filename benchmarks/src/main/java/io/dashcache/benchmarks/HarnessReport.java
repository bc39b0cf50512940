package io.dashcache.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** Prints one variant's results, and the side-by-side summary of the variants. */
final class HarnessReport {

    private static final List<String> OUTCOME_ORDER = List.of("L1_HIT", "L2_HIT", "STALE", "MISS", "EVENT",
            "ERROR", "NO_X_CACHE");
    private static final List<String> HITS = List.of("L1_HIT", "L2_HIT", "STALE");

    private final PrintStream out;

    HarnessReport(PrintStream out) {
        this.out = out;
    }

    /** The figures the summary compares. */
    record Summary(String variant, double achievedRate, double hitRate, double oracleHitRate, double l1Share,
                   double p50Ms, double p99Ms, double p999Ms, double l1P99Ms, double capacityRate, double jvmCores,
                   double clientCores, double redisCores) {
    }

    Summary variant(String name, HarnessOptions options, VariantTally tally, Map<String, AtomicLong> failures) {
        PhaseLog log = tally.measured();
        double seconds = tally.measuredSeconds();
        long requests = log.count();
        out.printf(Locale.ROOT, "%n== %s ==%n", name);
        out.printf(Locale.ROOT, "target %.0f req/s for %.0f s after %d s of warm-up (%d warm-up requests), in "
                        + "slices of %d s taking turns with the other variant: %d requests measured, %.0f req/s "
                        + "achieved%n", options.rate(), seconds, options.warmup().toSeconds(), tally.warmupRequests(),
                options.slice().toSeconds(), requests, requests / seconds);
        out.printf(Locale.ROOT, "%-12s %9s %7s %9s %9s %9s %9s%n", "outcome", "count", "share", "p50 ms", "p99 ms",
                "p99.9 ms", "max ms");
        LongList allReads = new LongList();
        for (String outcome : OUTCOME_ORDER) {
            LongList values = log.latencies().get(outcome);
            if (values == null) {
                continue;
            }
            row(outcome, values.sorted(), requests);
            if (!outcome.equals("EVENT") && !outcome.equals("ERROR")) {
                allReads.addAll(values);
            }
        }
        long[] reads = allReads.sorted();
        row("all reads", reads, requests);
        long[] delays = log.sendDelays().sorted();
        out.printf(Locale.ROOT, "client send delay (due -> sent, part of every latency above): p50 %.3f ms, "
                + "p99 %.3f ms%n", percentileMs(delays, 0.50), percentileMs(delays, 0.99));

        out.printf(Locale.ROOT, "%-22s %8s %8s %8s %8s %8s %8s %9s%n", "by type", "reads", "L1_HIT", "L2_HIT",
                "STALE", "MISS", "ERROR", "hit rate");
        long hitsTotal = 0;
        long l1Total = 0;
        long readsTotal = 0;
        for (Map.Entry<String, Map<String, Long>> type : log.byType().entrySet()) {
            Map<String, Long> counts = type.getValue();
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            if (type.getKey().equals(Call.EVENT)) {
                out.printf(Locale.ROOT, "%-22s %8d events posted, %d failed%n", "detection.created", total,
                        counts.getOrDefault("ERROR", 0L));
                continue;
            }
            long hits = HITS.stream().mapToLong(outcome -> counts.getOrDefault(outcome, 0L)).sum();
            hitsTotal += hits;
            l1Total += counts.getOrDefault("L1_HIT", 0L);
            readsTotal += total;
            out.printf(Locale.ROOT, "%-22s %8d %8d %8d %8d %8d %8d %8.2f%%%n", type.getKey(), total,
                    counts.getOrDefault("L1_HIT", 0L), counts.getOrDefault("L2_HIT", 0L),
                    counts.getOrDefault("STALE", 0L), counts.getOrDefault("MISS", 0L),
                    counts.getOrDefault("ERROR", 0L), 100.0 * hits / Math.max(1, total));
        }
        double hitRate = (double) hitsTotal / Math.max(1, readsTotal);
        double l1Share = (double) l1Total / Math.max(1, readsTotal);
        out.printf(Locale.ROOT, "hit rate (L1_HIT + L2_HIT + STALE of all reads): %.2f %% (L1 alone %.2f %%); "
                + "an on-demand cache told of every event at once would hit %.2f %% of the same requests%n",
                100 * hitRate, 100 * l1Share, 100 * tally.oracleHitRate());
        double jvmCores = tally.processCores();
        double clientCores = tally.clientCores();
        double redisCores = tally.redisCores();
        out.printf(Locale.ROOT, "CPU while measuring, in cores of %d: this JVM %.2f (of it the harness's sending "
                        + "threads %.2f, so the instance about %.2f), Redis %.2f%n",
                Runtime.getRuntime().availableProcessors(), jvmCores, clientCores, jvmCores - clientCores, redisCores);
        Map<String, List<GcWatch.Collection>> byCollector = tally.collections().stream()
                .collect(Collectors.groupingBy(GcWatch.Collection::name, TreeMap::new, Collectors.toList()));
        out.print("garbage collections while measuring (G1: pauses; ZGC: concurrent cycles, its pauses are "
                + "sub-millisecond):");
        if (byCollector.isEmpty()) {
            out.print(" none");
        }
        byCollector.forEach((collector, list) -> out.printf(Locale.ROOT, " %s %d, %d ms in all, the longest %d ms;",
                collector, list.size(), list.stream().mapToLong(GcWatch.Collection::durationMillis).sum(),
                list.stream().mapToLong(GcWatch.Collection::durationMillis).max().orElse(0)));
        out.println();
        double capacityRate = tally.capacity();
        if (!Double.isNaN(capacityRate)) {
            out.printf(Locale.ROOT, "capacity (closed loop, %d connections back to back, %.0f s): %.0f req/s; "
                    + "outcomes %s%n", options.connections(), tally.closedSeconds(), capacityRate,
                    tally.closedOutcomes());
        }
        if (!failures.isEmpty()) {
            out.println("failures: " + failures);
        }
        LongList l1 = log.latencies().get("L1_HIT");
        double l1P99 = l1 == null ? Double.NaN : percentileMs(l1.sorted(), 0.99);
        return new Summary(name, requests / seconds, hitRate, tally.oracleHitRate(), l1Share, percentileMs(reads, 0.50),
                percentileMs(reads, 0.99), percentileMs(reads, 0.999), l1P99, capacityRate, jvmCores, clientCores,
                redisCores);
    }

    void compare(List<Summary> summaries) {
        out.printf(Locale.ROOT, "%n== side by side ==%n");
        out.printf(Locale.ROOT, "%-28s %7s %7s %8s %7s %8s %8s %9s %10s %11s %8s %7s%n", "variant", "req/s",
                "hit %", "oracle %", "L1 %", "p50 ms", "p99 ms", "p99.9 ms", "L1 p99 ms", "capacity/s", "JVM cpu",
                "Redis");
        for (Summary s : summaries) {
            out.printf(Locale.ROOT, "%-28s %7.0f %7.2f %8.2f %7.2f %8.3f %8.3f %9.3f %10.3f %11.0f %8.2f %7.2f%n",
                    s.variant(), s.achievedRate(), 100 * s.hitRate(), 100 * s.oracleHitRate(), 100 * s.l1Share(),
                    s.p50Ms(), s.p99Ms(), s.p999Ms(), s.l1P99Ms(), s.capacityRate(), s.jvmCores(), s.redisCores());
        }
        if (summaries.size() == 2) {
            Summary with = summaries.get(0);
            Summary without = summaries.get(1);
            out.printf(Locale.ROOT, "without L1 / with L1: p50 x%.2f, p99 x%.2f, p99.9 x%.2f; capacity with L1 / "
                            + "without: x%.2f; Redis CPU without / with: x%.2f%n",
                    without.p50Ms() / with.p50Ms(), without.p99Ms() / with.p99Ms(), without.p999Ms() / with.p999Ms(),
                    with.capacityRate() / without.capacityRate(), without.redisCores() / with.redisCores());
        }
    }

    private void row(String label, long[] sorted, long requests) {
        out.printf(Locale.ROOT, "%-12s %9d %6.2f%% %9.3f %9.3f %9.3f %9.3f%n", label, sorted.length,
                100.0 * sorted.length / Math.max(1, requests), percentileMs(sorted, 0.50), percentileMs(sorted, 0.99),
                percentileMs(sorted, 0.999), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
    }

    /** Nearest rank; NaN when there is nothing to rank. */
    static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
