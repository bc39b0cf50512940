package io.dashcache.bootstrap.wiring;

import io.dashcache.application.warming.CacheWarmer;
import io.dashcache.bootstrap.WarmingConfig;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the cache warmer: its worker threads, and the scheduled pass over the hottest keys every
 * {@code DASHCACHE_WARM_INTERVAL_SECONDS} (none when 0). Started before the REST API, stopped after it.
 */
public final class WarmingWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WarmingWork.class);

    private final CacheWarmer warmer;
    private final WarmingConfig config;
    private ScheduledExecutorService scheduler;

    WarmingWork(CacheWarmer warmer, WarmingConfig config) {
        this.warmer = warmer;
        this.config = config;
    }

    synchronized void start() {
        warmer.start(daemons("dashcache-warm-"));
        long seconds = config.interval().toSeconds();
        if (seconds > 0 && config.hottest() > 0) {
            scheduler = Executors.newSingleThreadScheduledExecutor(daemons("dashcache-warm-schedule-"));
            scheduler.scheduleWithFixedDelay(this::warmHottest, seconds, seconds, TimeUnit.SECONDS);
        }
        LOG.info("cache warmer: {} at once, {} a second, queue of {}, hottest {} every {} s", config.concurrency(),
                config.ratePerSecond(), config.queueCapacity(), config.hottest(), seconds);
    }

    private void warmHottest() {
        try {
            warmer.warmHottest();
        } catch (RuntimeException e) {
            // a failed pass must not cancel the schedule
            LOG.warn("scheduled warming pass failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        warmer.close();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
