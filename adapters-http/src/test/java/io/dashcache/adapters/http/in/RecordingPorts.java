package io.dashcache.adapters.http.in;

import io.dashcache.application.port.in.invalidation.ApplyEngineEvent;
import io.dashcache.application.port.in.invalidation.InvalidateCache;
import io.dashcache.application.port.in.invalidation.InvalidationRequest;
import io.dashcache.application.port.in.invalidation.SubmitAnalyses;
import io.dashcache.application.port.in.invalidation.UpdatePreferences;
import io.dashcache.application.port.in.metrics.ReadCacheHealth;
import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.application.port.in.reading.GetDashboardData;
import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.messages.EngineReply;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.UserId;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/** Every inbound port the server calls, faked: records what it was asked, answers what a test sets. */
final class RecordingPorts implements GetDashboardData, ReadCacheHealth, ApplyEngineEvent, InvalidateCache,
        UpdatePreferences, SubmitAnalyses {

    record Write(String port, UserId user, byte[] json, boolean batch) {
    }

    final List<CacheKey> reads = new CopyOnWriteArrayList<>();
    final List<EngineEvent> applied = new CopyOnWriteArrayList<>();
    final List<InvalidationRequest> invalidations = new CopyOnWriteArrayList<>();
    final List<Write> writes = new CopyOnWriteArrayList<>();

    volatile Function<CacheKey, DashboardRead> readAnswer = key -> {
        throw new IllegalStateException("no read answer set");
    };
    volatile Supplier<HealthReport> healthAnswer = () -> new HealthReport(DependencyHealth.State.UP,
            List.of(DependencyHealth.up("redis", "ping 1 ms"), DependencyHealth.up("engine", "the latest call succeeded")),
            3, 1024);
    volatile RuntimeException applyFailure;
    volatile EngineReply engineReply = new EngineReply(200, "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
    private final Set<String> seenEventIds = new HashSet<>();

    void reset() {
        reads.clear();
        applied.clear();
        invalidations.clear();
        writes.clear();
        synchronized (seenEventIds) {
            seenEventIds.clear();
        }
        applyFailure = null;
    }

    @Override
    public DashboardRead read(CacheKey key) {
        reads.add(key);
        return readAnswer.apply(key);
    }

    @Override
    public HealthReport health() {
        return healthAnswer.get();
    }

    @Override
    public Outcome apply(EngineEvent event) {
        if (applyFailure != null) {
            throw applyFailure;
        }
        applied.add(event);
        synchronized (seenEventIds) {
            return seenEventIds.add(event.eventId()) ? Outcome.APPLIED : Outcome.DUPLICATE;
        }
    }

    @Override
    public Summary invalidate(InvalidationRequest request) {
        invalidations.add(request);
        return new Summary(request.all() ? 0 : 1, request.all() ? 17 : 0);
    }

    @Override
    public EngineReply update(UserId user, byte[] json) {
        writes.add(new Write("preferences", user, json, false));
        return engineReply;
    }

    @Override
    public EngineReply submit(UserId user, byte[] json, boolean batch) {
        writes.add(new Write("analyses", user, json, batch));
        return engineReply;
    }
}
