package io.dashcache.bootstrap;

import io.dashcache.application.port.out.time.TimeSource;
import io.dashcache.bootstrap.wiring.ChangeStreamWiring;
import io.dashcache.bootstrap.wiring.CoreWiring;
import io.dashcache.bootstrap.wiring.HttpEndpoint;
import io.dashcache.bootstrap.wiring.MetricsWiring;
import io.dashcache.bootstrap.wiring.RuntimeWiring;
import java.time.Clock;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * One running dashcache instance: its Spring context and the port it listens on. Tests start
 * several in one JVM to play several instances against one Redis.
 *
 * <pre>{@code
 * try (Dashcache instance = Dashcache.start(ConfigLoader.load(System.getenv()))) {
 *     int port = instance.port();
 * }
 * }</pre>
 */
public final class Dashcache implements AutoCloseable {

    private final AnnotationConfigApplicationContext context;

    private Dashcache(AnnotationConfigApplicationContext context) {
        this.context = context;
    }

    public static Dashcache start(DashcacheConfig config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * Starts an instance whose one clock is {@code clock}: what judges freshness, expiry and grace.
     * Tests pass a clock they move, instead of waiting for TTLs to pass.
     */
    public static Dashcache start(DashcacheConfig config, Clock clock) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(DashcacheConfig.class, () -> config);
        // the instance's one time source, also where a plain Clock is asked for
        TimeSource time = TimeSource.of(clock);
        context.registerBean(TimeSource.class, () -> time);
        context.register(CoreWiring.class, MetricsWiring.class, RuntimeWiring.class, ChangeStreamWiring.class);
        try {
            context.refresh();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        context.registerShutdownHook();
        return new Dashcache(context);
    }

    public int port() {
        return context.getBean(HttpEndpoint.class).port();
    }

    /** A part of this instance, for tests and tools. */
    public <T> T part(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
