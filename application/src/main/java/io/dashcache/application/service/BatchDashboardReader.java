package io.dashcache.application.service;

import io.dashcache.application.port.in.DashboardRead;
import io.dashcache.application.port.in.GetDashboardParts;
import io.dashcache.application.port.out.SharedCacheTier.SharedRead;
import io.dashcache.domain.CacheKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A whole dashboard in one call, through the same read path as single reads: fresh L1 entries
 * answer at once; the other keys are read from L2 with one {@code readAll} (one round trip per hash
 * slot); what L2 answers fresh is served on the caller's thread, and only the rest (true misses,
 * stale values, invalidated scopes) runs on {@code loads}, each through the usual single flight,
 * lease and compare-and-set.
 *
 * <pre>{@code
 * GetDashboardParts parts = new BatchDashboardReader(tieredReader, boundedPool);
 * Map<CacheKey, PartRead> dashboard = parts.readAll(List.of(overview, notifications, heatmap));
 * }</pre>
 */
public final class BatchDashboardReader implements GetDashboardParts {

    private final TieredDashboardReader reader;
    private final Executor loads;

    /** @param loads runs the misses' loads; its bound is the batch's parallelism */
    public BatchDashboardReader(TieredDashboardReader reader, Executor loads) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.loads = Objects.requireNonNull(loads, "loads");
    }

    @Override
    public Map<CacheKey, PartRead> readAll(List<CacheKey> keys) {
        List<CacheKey> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        Map<CacheKey, PartRead> answers = new LinkedHashMap<>();
        List<CacheKey> beyondL1 = new ArrayList<>();
        for (CacheKey key : distinct) {
            DashboardRead hit = reader.readLocal(key);
            answers.put(key, hit == null ? null : PartRead.of(hit));
            if (hit == null) {
                beyondL1.add(key);
            }
        }
        if (beyondL1.isEmpty()) {
            return answers;
        }
        long[] stamps = reader.stamps(beyondL1);
        List<SharedRead> inL2 = reader.readSharedAll(beyondL1);
        Map<CacheKey, CompletableFuture<DashboardRead>> loading = new LinkedHashMap<>();
        for (int i = 0; i < beyondL1.size(); i++) {
            CacheKey key = beyondL1.get(i);
            SharedRead seen = inL2.get(i);
            long stamp = stamps[i];
            if (reader.answersAtOnce(seen)) {
                answers.put(key, attempt(key, seen, stamp));
            } else {
                loading.put(key, CompletableFuture.supplyAsync(() -> reader.readPrefetched(key, seen, stamp), loads));
            }
        }
        loading.forEach((key, future) -> answers.put(key, outcome(future)));
        return answers;
    }

    private PartRead attempt(CacheKey key, SharedRead seen, long stamp) {
        try {
            return PartRead.of(reader.readPrefetched(key, seen, stamp));
        } catch (RuntimeException e) {
            return PartRead.failed(e);
        }
    }

    private static PartRead outcome(CompletableFuture<DashboardRead> future) {
        try {
            return PartRead.of(future.join());
        } catch (CompletionException e) {
            return PartRead.failed(e.getCause() instanceof RuntimeException cause ? cause : e);
        }
    }
}
