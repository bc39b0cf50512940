package io.dashcache.bootstrap.demo;

import io.dashcache.application.port.in.invalidation.ApplyEngineEvent;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.EventType;
import io.dashcache.domain.UserId;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo engine's live event feed: every tick it adds a detection for one of the demo users
 * ({@code demo-1} to {@code demo-3}), now and then changes the system status or the performance
 * metrics, and announces each change as the engine would, through {@link ApplyEngineEvent}.
 *
 * <p>Only the demo users' dashboards change, so a user a person tries by hand (say 42) stays
 * cached until they change it themselves, while {@code demo-1} shows the cache following live data.
 */
public final class DemoEventFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoEventFeed.class);
    public static final List<UserId> DEMO_USERS = List.of(UserId.of("demo-1"), UserId.of("demo-2"), UserId.of("demo-3"));

    private final DemoEngine engine;
    private final ApplyEngineEvent events;
    private final Clock clock;
    private final SplittableRandom random = new SplittableRandom();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dashcache-demo-feed");
        thread.setDaemon(true);
        return thread;
    });
    private long ticks;

    public DemoEventFeed(DemoEngine engine, ApplyEngineEvent events, Clock clock) {
        this.engine = engine;
        this.events = events;
        this.clock = clock;
    }

    /** Starts ticking {@code perMinute} times a minute; 0 leaves the feed off. */
    public void start(int perMinute) {
        if (perMinute > 0) {
            long period = Math.max(10, 60_000L / perMinute);
            timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
            LOG.info("Demo engine: live event feed on, {} events a minute", perMinute);
        }
    }

    /** One step of the feed; public so tests drive it without waiting. */
    public synchronized void tick() {
        try {
            ticks++;
            if (ticks % 10 == 0) {
                engine.toggleSystemStatus();
                announce(EventType.SYSTEM_STATUS_CHANGED, null);
            } else if (ticks % 5 == 0) {
                engine.refreshPerformanceMetrics();
                announce(EventType.PERFORMANCE_METRICS_UPDATED, null);
            } else {
                UserId user = DEMO_USERS.get(random.nextInt(DEMO_USERS.size()));
                String detectionId = engine.recordDetection(user, random);
                announce(EventType.DETECTION_CREATED, user, detectionId);
            }
        } catch (RuntimeException e) {
            LOG.warn("Demo engine: an event could not be applied now ({}); the next tick goes on", e.getMessage());
        }
    }

    private void announce(EventType type, UserId user) {
        announce(type, user, null);
    }

    private void announce(EventType type, UserId user, String detectionId) {
        events.apply(new EngineEvent("demo-" + UUID.randomUUID(), type, user, List.of(), clock.instant(), detectionId,
                null));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
