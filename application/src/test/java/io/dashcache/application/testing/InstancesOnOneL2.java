package io.dashcache.application.testing;

import io.dashcache.application.engine.LocalFillGuard;
import io.dashcache.application.engine.ReadPathSettings;
import io.dashcache.application.engine.RefreshAhead;
import io.dashcache.application.engine.TieredCache;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.reading.SourceAnswer;
import io.dashcache.application.port.out.time.TimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * Engines of several instances on one in-memory L2, with shared leases and store notices, one engine
 * whose answer a test sets, and a refresher whose tasks run when the test says ({@link #runRefresher}).
 */
public final class InstancesOnOneL2 {

    public final Clock clock = Clock.systemUTC();
    public final InMemorySharedTier l2 = new InMemorySharedTier();
    public final InMemoryLoadLeases leases = new InMemoryLoadLeases(clock);
    public final InMemoryStoreNotices notices = new InMemoryStoreNotices();
    /** What the engine answers now ("v1" at first). */
    public final AtomicReference<String> engineAnswer = new AtomicReference<>("v1");
    public final TieredCache.Loader loader = key -> SourceAnswer.found(
            engineAnswer.get().getBytes(StandardCharsets.UTF_8));
    private final List<Runnable> refresherTasks = new ArrayList<>();

    /** One instance's engine on its own L1 and fill guard. */
    public TieredCache engine(InMemoryLocalTier local, LocalFillGuard guard) {
        return new TieredCache(local, l2, leases, notices, guard, CacheMetrics.NONE, TimeSource.of(clock),
                refresherTasks::add, RandomGenerator.of("L64X128MixRandom"), RefreshAhead.OFF,
                ReadPathSettings.defaults(Duration.ofSeconds(5)));
    }

    /** Runs what the engines handed their refreshers so far. */
    public void runRefresher() {
        List<Runnable> tasks = new ArrayList<>(refresherTasks);
        refresherTasks.clear();
        tasks.forEach(Runnable::run);
    }
}
