package io.dashcache.application.warming;

import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.application.port.in.warming.ReadHotKeys;
import io.dashcache.application.port.in.warming.WarmCache;
import io.dashcache.application.port.in.warming.WarmRequest;
import io.dashcache.application.port.messages.WarmKind;
import io.dashcache.application.port.messages.WarmOutcome;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.time.TimeSource;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Period;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads keys before anyone asks, through the read path itself ({@link KeyWarmer}: single flight,
 * leases and the compare-and-set all apply; a key already fresh costs no load). Tasks wait in a
 * bounded priority queue and come in three kinds, most urgent first:
 *
 * <ol>
 *   <li>{@link WarmKind#ON_DEMAND}: an operator's {@link WarmRequest};</li>
 *   <li>{@link WarmKind#USER_TRIGGERED}: a user's first read in this instance (or first after a quiet
 *       spell) warms the rest of that user's dashboard: overview, preferences, recent activity,
 *       notifications, and the widgets the user read lately;</li>
 *   <li>{@link WarmKind#BACKGROUND}: a hot entry that {@link RefreshAhead} says to refresh before it
 *       expires;</li>
 *   <li>{@link WarmKind#SCHEDULED}: every interval, the hottest keys by a frequency sketch of the
 *       reads, reloaded when they would expire before the next pass.</li>
 * </ol>
 *
 * (The fourth kind, {@link WarmKind#BACKGROUND}, is the engine's own refresh ahead of expiry, which
 * {@code TieredCache} runs for every key, dashboard or not, and counts under that kind.)
 *
 * <p>{@code concurrency} worker threads run the tasks, each after taking a token from a rate limiter,
 * so warming never holds more than {@code concurrency} engine loads at once nor starts more than
 * {@code ratePerSecond} tasks a second. A full queue drops new tasks. Queue length and every
 * outcome go to {@link CacheMetrics} and {@link #stats()}.
 *
 * <pre>{@code
 * CacheWarmer warmer = new CacheWarmer(reader, WarmerSettings.defaults(), metrics, clock);
 * GetDashboardData reads = new WarmingDashboardReader(reader, warmer);  // what the REST API calls
 * warmer.start(threadFactory);
 * warmer.warm(new WarmRequest.Dashboard(UserId.of("42")));
 * scheduler.scheduleAtFixedRate(warmer::warmHottest, 60, 60, SECONDS);
 * warmer.close();
 * }</pre>
 */
public final class CacheWarmer implements WarmCache, ReadHotKeys, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CacheWarmer.class);
    static final int RECENT_USERS = 100_000;
    static final Duration USER_GENERATION = Duration.ofMinutes(10);
    private static final long POLL_MILLIS = 200;

    private final KeyWarmer loader;
    private final WarmerSettings settings;
    private final CacheMetrics metrics;
    private final Clock clock;
    private final WarmQueue queue;
    private final TokenBucket rate;
    private final HotKeys hotKeys = new HotKeys(WarmRequest.MAX_HOTTEST);
    private final RecentUsers users;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<WarmOutcome, LongAdder> outcomes = new EnumMap<>(WarmOutcome.class);
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    /** @param time the wall clock for expiries and the monotonic timer for the rate limit (a fake in tests) */
    public CacheWarmer(KeyWarmer loader, WarmerSettings settings, CacheMetrics metrics, TimeSource time) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(time, "time");
        this.queue = new WarmQueue(settings.queueCapacity());
        this.rate = new TokenBucket(settings.ratePerSecond(), settings.burst(), time::nanoTime);
        this.users = new RecentUsers(RECENT_USERS, USER_GENERATION, clock);
        for (WarmOutcome outcome : WarmOutcome.values()) {
            outcomes.put(outcome, new LongAdder());
        }
        metrics.watchWarmQueue(queue::size);
    }

    /** Starts the {@code concurrency} workers. */
    public synchronized void start(ThreadFactory threads) {
        if (running) {
            throw new IllegalStateException("the warmer is already started");
        }
        running = true;
        for (int i = 0; i < settings.concurrency(); i++) {
            Thread worker = threads.newThread(this::work);
            workers.add(worker);
            worker.start();
        }
    }

    /** Stops the workers; tasks still waiting are abandoned. */
    @Override
    public synchronized void close() {
        running = false;
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        workers.clear();
    }

    @Override
    public Receipt warm(WarmRequest request) {
        return enqueue(WarmKind.ON_DEMAND, keysOf(request), clock.instant());
    }

    /** Keys an invalidation made stale and that were read lately: reloaded now, most urgent after an operator's. */
    public Receipt refresh(Collection<CacheKey> keys) {
        return enqueue(WarmKind.ON_INVALIDATION, keys, clock.instant());
    }

    /** One scheduled pass: the hottest keys, reloaded when they would expire before the next pass. */
    public Receipt warmHottest() {
        if (settings.hottest() == 0) {
            return new Receipt(0, 0, 0);
        }
        return enqueue(WarmKind.SCHEDULED, hotKeys.hottest(settings.hottest()), clock.instant().plus(settings.interval()));
    }

    /**
     * Learns from a reader's read: counts it for the hot keys, remembers the user (a first read warms
     * the user's dashboard).
     * Cheap and never throws: it runs on the request thread.
     */
    public void onRead(CacheKey key, DashboardRead read) {
        try {
            hotKeys.record(key);
            if (key.user() != null && users.seen(key.user(), key.widget()) && settings.warmOnFirstRead()) {
                enqueue(WarmKind.USER_TRIGGERED, userKeys(key.user(), key), clock.instant());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not note a read of {} for warming: {}", key, e.toString());
        }
    }

    @Override
    public Stats stats() {
        return new Stats(queue.size(), queue.capacity(), inFlight.get(), settings.concurrency(),
                settings.ratePerSecond(), count(WarmOutcome.WARMED), count(WarmOutcome.ALREADY_FRESH),
                count(WarmOutcome.LOADING_ELSEWHERE), count(WarmOutcome.FAILED), count(WarmOutcome.DROPPED));
    }

    /** The keys read most often lately, most read first (what a scheduled pass warms). */
    public List<CacheKey> hottest(int count) {
        return hotKeys.hottest(count);
    }

    @Override
    public List<HotKey> hotKeys(int limit) {
        return hotKeys.hottestWithEstimates(ReadHotKeys.checkLimit(limit)).stream()
                .map(ranked -> new HotKey(ranked.key(), ranked.estimate()))
                .toList();
    }


    private Receipt enqueue(WarmKind kind, Collection<CacheKey> keys, Instant freshBeyond) {
        int queued = 0;
        int already = 0;
        int dropped = 0;
        for (CacheKey key : keys) {
            switch (queue.offer(kind, key, freshBeyond)) {
                case QUEUED -> queued++;
                case ALREADY_QUEUED -> already++;
                case DROPPED -> {
                    dropped++;
                    ended(kind, WarmOutcome.DROPPED);
                }
            }
        }
        return new Receipt(queued, already, dropped);
    }

    private List<CacheKey> keysOf(WarmRequest request) {
        if (request instanceof WarmRequest.Dashboard dashboard) {
            return dashboardKeys(dashboard.user());
        }
        if (request instanceof WarmRequest.OfType ofType) {
            return typeKeys(ofType.type(), ofType.user());
        }
        if (request instanceof WarmRequest.OneKey one) {
            return List.of(one.key());
        }
        return hotKeys.hottest(((WarmRequest.Hottest) request).count());
    }

    private List<CacheKey> dashboardKeys(UserId user) {
        List<CacheKey> keys = new ArrayList<>(userKeys(user, null));
        for (DataType type : DataType.values()) {
            if (!type.scopeKind().isPerUser()) {
                keys.addAll(typeKeys(type, null));
            }
        }
        return keys;
    }

    /** The user's per-user keys and lately read widgets, except {@code besides}. */
    private List<CacheKey> userKeys(UserId user, CacheKey besides) {
        // every per-user type, from the same table InvalidationRule reads: a new one is warmed as it is invalidated
        List<CacheKey> keys = new ArrayList<>();
        for (DataType type : DataType.values()) {
            if (type.scopeKind().isPerUser()) {
                keys.addAll(typeKeys(type, user));
            }
        }
        keys.remove(besides);
        return keys;
    }

    private List<CacheKey> typeKeys(DataType type, UserId user) {
        return switch (type.scopeKind()) {
            case GLOBAL -> List.of(CacheKey.global(type));
            case PERIOD -> {
                List<CacheKey> keys = new ArrayList<>();
                for (Period period : Period.values()) {
                    keys.add(CacheKey.forPeriod(type, period));
                }
                yield keys;
            }
            case USER -> List.of(CacheKey.forUser(type, user));
            case USER_WIDGET -> {
                List<CacheKey> keys = new ArrayList<>();
                for (WidgetType widget : users.widgetsOf(user)) {
                    keys.add(CacheKey.widget(user, widget));
                }
                yield keys;
            }
        };
    }

    private void work() {
        try {
            while (running) {
                WarmTask task = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (task != null) {
                    awaitToken();
                    run(task);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        }
    }

    private void awaitToken() throws InterruptedException {
        long wait;
        while ((wait = rate.tryTake()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException("warmer closing");
            }
        }
    }

    private void run(WarmTask task) {
        inFlight.incrementAndGet();
        WarmOutcome outcome;
        try {
            outcome = loader.warm(task.key(), task.freshBeyond());
        } catch (RuntimeException e) {
            LOG.debug("warming {} ({}) failed: {}", task.key(), task.kind(), e.getMessage());
            outcome = WarmOutcome.FAILED;
        } finally {
            inFlight.decrementAndGet();
        }
        ended(task.kind(), outcome);
    }

    private void ended(WarmKind kind, WarmOutcome outcome) {
        outcomes.get(outcome).increment();
        metrics.recordWarm(kind, outcome);
    }

    private long count(WarmOutcome outcome) {
        return outcomes.get(outcome).sum();
    }
}
