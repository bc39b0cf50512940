package io.dashcache.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * What one size of {@link ScaleHarness} measured; times in nanoseconds, memory in bytes.
 *
 * @param usedBefore        Redis {@code used_memory} just before the fill, less the replication buffers, summed
 *                          over the primaries of a cluster ({@link RedisMemory#usedBytes})
 * @param usedAfter         just after it
 * @param usedAfterUnlink   after the keys were unlinked
 * @param usageBySlot       mean {@code MEMORY USAGE} of each of a user's eight keys
 * @param reads             an L2 read of a random filled key, one round trip
 * @param readMicrosInRedis Redis CPU per read's MGET, from {@code INFO commandstats}
 * @param bumps             one event's invalidation in Redis: its scopes' versions bumped, one round trip
 * @param bumpMicrosInRedis Redis CPU per bump script, from {@code INFO commandstats}
 * @param waitsPerEvent     WAITs for replicas in one event's bump pipeline (one per hash slot; 0 when not waiting)
 * @param unconfirmedWaits  of all those WAITs, how many timed out before a replica confirmed
 */
record ScaleResult(int keys, long fillNanos, long usedBefore, long usedAfter, long usedAfterUnlink,
                   long[] usageBySlot, ScaleChecks.Outcome checked, PropagationRounds.Result propagation,
                   long[] reads, double readMicrosInRedis, long[] bumps, double bumpMicrosInRedis, int waitsPerEvent,
                   long unconfirmedWaits,
                   int stillCachedOf1000, long unlinked, long unlinkNanos, String loadAtStart, String loadAtEnd) {

    /** {@code used_memory} gained per cached key: everything Redis spends on it. */
    double bytesPerKey() {
        return (double) (usedAfter - usedBefore) / keys;
    }

    double meanUsage() {
        return Arrays.stream(usageBySlot).average().orElse(Double.NaN);
    }

    /** {@code 6 bumps, 1 RTT}, or with the replica waits {@code 6 bumps + 3 WAITs, 1 RTT}. */
    String bumpLabel() {
        return waitsPerEvent == 0 ? "6 bumps, 1 RTT" : "6 bumps + " + waitsPerEvent + " WAITs, 1 RTT";
    }

    void print() {
        System.out.printf(Locale.ROOT, "=== %,d cached keys (load average %s at the start, %s at the end)%n", keys,
                loadAtStart, loadAtEnd);
        System.out.printf(Locale.ROOT, "fill: %.2f s pipelined (%,.0f keys/s); check: %s%n", fillNanos / 1e9,
                keys / (fillNanos / 1e9), checked);
        System.out.printf(Locale.ROOT, "Redis used_memory (less replication buffers, over the primaries) %,d -> %,d "
                + "bytes: %.1f bytes per cached key (server-wide: other clients' changes meanwhile count too)%n",
                usedBefore, usedAfter, bytesPerKey());
        StringBuilder bySlot = new StringBuilder("MEMORY USAGE (mean of " + ScaleRun.USAGE_SAMPLE + " each):");
        for (int slot = 0; slot < usageBySlot.length; slot++) {
            bySlot.append(' ').append(ScaleKeys.slotName(slot)).append(' ').append(usageBySlot[slot]);
        }
        System.out.println(bySlot);
        System.out.printf(Locale.ROOT, "  mean %.1f; used_memory per key minus it (expiry table, hash table "
                + "slots): %.1f bytes%n", meanUsage(), bytesPerKey() - meanUsage());
        System.out.printf(Locale.ROOT, "%d events, %d gave up after 5 s%n", propagation.bothFresh().length,
                propagation.gaveUp());
        System.out.printf(Locale.ROOT, "%-28s %s%n", "", Distribution.HEADER);
        System.out.println(Distribution.of(propagation.broadcast()).row("XADD -> broadcast heard"));
        System.out.println(Distribution.of(propagation.first()).row("XADD -> first instance fresh"));
        System.out.println(Distribution.of(propagation.bothFresh()).row("XADD -> both fresh"));
        String bumpRow = waitsPerEvent == 0 ? "invalidation: " + bumpLabel() : bumpLabel();
        System.out.println(Distribution.of(bumps).row(bumpRow));
        System.out.println(Distribution.of(reads).row("L2 read of a random key"));
        System.out.printf(Locale.ROOT, "Redis CPU (INFO commandstats): %.2f us per bump script (eval), %.2f us per "
                + "L2 read (mget); %d of 1000 sampled keys still cached at the end%n", bumpMicrosInRedis,
                readMicrosInRedis, stillCachedOf1000);
        if (waitsPerEvent > 0) {
            System.out.printf(Locale.ROOT, "replica WAITs (%d per event): %d of %d timed out before a replica "
                    + "confirmed (warm-up included)%n", waitsPerEvent, unconfirmedWaits,
                    (long) waitsPerEvent * (bumps.length + ScaleRun.WARM_UP));
        }
        System.out.printf(Locale.ROOT, "unlinked %,d keys in %.2f s; used_memory after: %,d bytes (%+,d against "
                + "before the fill)%n%n", unlinked, unlinkNanos / 1e9, usedAfterUnlink, usedAfterUnlink - usedBefore);
    }
}
