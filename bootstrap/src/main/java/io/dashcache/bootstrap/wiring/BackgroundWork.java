package io.dashcache.bootstrap.wiring;

import io.dashcache.adapters.events.EventConsumerSettings;
import io.dashcache.adapters.events.RedisStreamEventConsumer;
import io.dashcache.application.port.in.invalidation.ApplyEngineEvent;
import io.dashcache.bootstrap.DashcacheConfig;
import io.dashcache.bootstrap.demo.DemoEventFeed;
import io.dashcache.embedded.DashcacheCore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The threads that run beside the requests: the core's invalidation subscriber, the engine-event
 * consumer and the demo feed. Started after the use cases exist; stopped before Redis closes.
 */
public final class BackgroundWork implements AutoCloseable {

    private final DashcacheConfig config;
    private final DashcacheCore core;
    private final ApplyEngineEvent events;
    private final Optional<DemoEventFeed> demoFeed;
    private final List<AutoCloseable> running = new ArrayList<>();
    private RedisStreamEventConsumer consumer;

    BackgroundWork(DashcacheConfig config, DashcacheCore core, ApplyEngineEvent events,
                   Optional<DemoEventFeed> demoFeed) {
        this.config = config;
        this.core = core;
        this.events = events;
        this.demoFeed = demoFeed;
    }

    synchronized void start() {
        core.start(); // the invalidation subscriber, and a closing circuit flushing L1
        core.connector().ifPresent(connector -> {
            EventConsumerSettings settings = config.eventConsumer().settings(
                    EventConsumerSettings.defaults(config.keyFormat(), config.instanceId()).withStream(config.eventsStream()));
            consumer = new RedisStreamEventConsumer(connector.client(), settings, events);
            consumer.start();
            running.add(consumer);
        });
        demoFeed.ifPresent(feed -> {
            feed.start(config.demoEventsPerMinute());
            running.add(feed);
        });
    }

    /** The stream consumer, when this instance has Redis. */
    public Optional<RedisStreamEventConsumer> consumer() {
        return Optional.ofNullable(consumer);
    }

    @Override
    public synchronized void close() throws Exception {
        for (AutoCloseable each : running) {
            each.close();
        }
        running.clear();
    }
}
