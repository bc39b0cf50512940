package io.dashcache.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

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
    record Summary(String phase, String target, double achievedRate, double hitRate, double oracleHitRate,
                   double l1Share, double p50Ms, double p99Ms, double p999Ms, double capacityRate,
                   double cpuMicrosPerRequest, double cpuMicrosWithoutJit, double cores, double allocatedKbPerRequest, long collections,
                   double pauseMs, double engineCallsPerRequest, double redisMicrosPerRequest) {
    }

    Summary variant(String phase, String name, HarnessOptions options, VariantTally tally,
                    Map<String, AtomicLong> failures) {
        PhaseLog log = tally.measured();
        double seconds = tally.measuredSeconds();
        long requests = log.count();
        out.printf(Locale.ROOT, "%n== %s: %s ==%n", phase, name);
        out.printf(Locale.ROOT, "%.0f s measured after %d s of warm-up (%d warm-up requests), in slices of %d s "
                        + "taking turns with the others: %d requests measured, %.0f req/s achieved%n", seconds,
                options.warmup().toSeconds(), tally.warmupRequests(), options.slice().toSeconds(), requests,
                requests / seconds);
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
        double capacityRate = tally.capacity();
        if (!Double.isNaN(capacityRate)) {
            out.printf(Locale.ROOT, "capacity (closed loop, %d connections back to back, %.0f s): %.0f req/s; "
                    + "outcomes %s%n", options.connections(), tally.closedSeconds(), capacityRate,
                    tally.closedOutcomes());
        }
        if (!failures.isEmpty()) {
            out.println("failures: " + failures);
        }
        Cost cost = cost(tally, requests);
        return new Summary(phase, name, requests / seconds, hitRate, tally.oracleHitRate(), l1Share,
                percentileMs(reads, 0.50), percentileMs(reads, 0.99), percentileMs(reads, 0.999), capacityRate,
                cost.cpuMicros(), cost.cpuMicrosWithoutJit(), tally.serverCores(), cost.allocatedKb(), cost.collections(), cost.pauseMs(),
                (double) tally.engineCalls() / Math.max(1, requests), 1e6 * tally.redisCores() * seconds
                        / Math.max(1, requests));
    }

    private record Cost(double cpuMicros, double cpuMicrosWithoutJit, double allocatedKb, long collections,
                        double pauseMs) {
    }

    /** The server's cost, read from outside it: CPU from /proc, allocation, GC and profile from its recording. */
    private Cost cost(VariantTally tally, long requests) {
        double perRequest = Math.max(1, requests);
        double cpuMicros = tally.serverCpuNanos() / 1e3 / perRequest;
        // the JIT compilers' threads: a start-up cost that a long-running instance stops paying
        long jitNanos = tally.threadCpuNanos().entrySet().stream()
                .filter(entry -> entry.getKey().contains("CompilerThre")).mapToLong(Map.Entry::getValue).sum();
        double withoutJit = (tally.serverCpuNanos() - jitNanos) / 1e3 / perRequest;
        out.printf(Locale.ROOT, "server process CPU (/proc, user + system): %.1f us a request (%.1f without the JIT "
                        + "compiler threads), %.3f cores of %d; the harness's sending threads %.2f cores, Redis %.2f "
                        + "cores (%.1f us a request)%n",
                cpuMicros, withoutJit, tally.serverCores(), Runtime.getRuntime().availableProcessors(), tally.clientCores(),
                tally.redisCores(), 1e6 * tally.redisCores() * tally.measuredSeconds() / perRequest);
        long threadTotal = tally.threadCpuNanos().values().stream().mapToLong(Long::longValue).sum();
        out.print("  by thread (us a request):");
        tally.threadCpuNanos().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(entry -> entry.getValue() > 0)
                .limit(10)
                .forEach(entry -> out.printf(Locale.ROOT, " %s %.1f;", entry.getKey(), entry.getValue() / 1e3 / perRequest));
        out.printf(Locale.ROOT, " threads that ended %.1f%n",
                Math.max(0, tally.serverCpuNanos() - threadTotal) / 1e3 / perRequest);
        if (tally.engineCalls() > 0) {
            out.printf(Locale.ROOT, "engine calls: %d, %.4f a request%n", tally.engineCalls(),
                    tally.engineCalls() / perRequest);
        }
        JfrProfile profile = tally.profile();
        if (profile == null) {
            return new Cost(cpuMicros, withoutJit, Double.NaN, 0, Double.NaN);
        }
        double allocatedKb = profile.allocatedBytes() / 1024.0 / perRequest;
        double pauseMs = profile.pauses().toNanos() / 1e6;
        out.printf(Locale.ROOT, "allocated (JFR thread allocation statistics, the whole recording): %.1f KB a "
                        + "request; garbage collections %d, pauses %.1f ms in all, the longest %.1f ms%n",
                allocatedKb, profile.collections(), pauseMs, profile.longestPause().toNanos() / 1e6);
        out.printf(Locale.ROOT, "profile (JFR execution samples of Java threads: %d):%n", profile.samples());
        share("  by library", JfrProfile.first(profile.byLibrary(), 12), profile.samples());
        share("  top methods (self)", JfrProfile.first(profile.topMethods(), 15), profile.samples());
        share("  dashcache methods on the stack", JfrProfile.first(profile.dashcacheMethods(), 15),
                profile.samples());
        long sampledBytes = profile.allocationSites().values().stream().mapToLong(Long::longValue).sum();
        out.println("  allocation (sampled weight) by class and the first frame outside the JDK:");
        JfrProfile.first(profile.allocationSites(), 12).forEach((site, bytes) -> out.printf(Locale.ROOT,
                "    %5.1f %%  %s%n", 100.0 * bytes / Math.max(1, sampledBytes), site));
        return new Cost(cpuMicros, withoutJit, allocatedKb, profile.collections(), pauseMs);
    }

    private void share(String title, Map<String, Long> counts, long samples) {
        out.println(title + ":");
        counts.forEach((what, count) -> out.printf(Locale.ROOT, "    %5.1f %%  %s%n", 100.0 * count / Math.max(1, samples),
                what));
    }

    void compare(List<Summary> summaries) {
        out.printf(Locale.ROOT, "%n== side by side (server figures are the server process's alone) ==%n");
        out.printf(Locale.ROOT, "%-5s %-24s %7s %7s %8s %7s %8s %8s %9s %9s %7s %7s %9s %5s %8s %9s %9s%n", "phase",
                "server", "req/s", "hit %", "oracle %", "L1 %", "p50 ms", "p99 ms", "p99.9 ms", "CPU us/r", "no-JIT", "cores",
                "alloc KB/r", "GCs", "pause ms", "engine/r", "Redis us/r");
        for (Summary s : summaries) {
            out.printf(Locale.ROOT, "%-5s %-24s %7.0f %7.2f %8.2f %7.2f %8.3f %8.3f %9.3f %9.1f %7.1f %7.3f %9.1f %5d %8.1f "
                            + "%9.4f %9.1f%n", s.phase(), s.target(), s.achievedRate(), 100 * s.hitRate(),
                    100 * s.oracleHitRate(), 100 * s.l1Share(), s.p50Ms(), s.p99Ms(), s.p999Ms(),
                    s.cpuMicrosPerRequest(), s.cpuMicrosWithoutJit(), s.cores(), s.allocatedKbPerRequest(), s.collections(), s.pauseMs(),
                    s.engineCallsPerRequest(), s.redisMicrosPerRequest());
        }
        for (Summary s : summaries) {
            for (Summary other : summaries) {
                if (s.phase().equals(other.phase()) && s != other && summaries.indexOf(s) == firstOf(summaries, s.phase())) {
                    out.printf(Locale.ROOT, "%s: %s / %s CPU a request x%.2f (without JIT x%.2f), allocation x%.2f, "
                                    + "engine calls x%.2f%n",
                            s.phase(), other.target(), s.target(), other.cpuMicrosPerRequest() / s.cpuMicrosPerRequest(),
                            other.cpuMicrosWithoutJit() / s.cpuMicrosWithoutJit(),
                            other.allocatedKbPerRequest() / s.allocatedKbPerRequest(),
                            other.engineCallsPerRequest() / s.engineCallsPerRequest());
                }
            }
        }
    }

    private static int firstOf(List<Summary> summaries, String phase) {
        for (int i = 0; i < summaries.size(); i++) {
            if (summaries.get(i).phase().equals(phase)) {
                return i;
            }
        }
        return -1;
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
