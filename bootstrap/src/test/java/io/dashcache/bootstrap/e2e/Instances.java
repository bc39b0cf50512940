package io.dashcache.bootstrap.e2e;

import static org.awaitility.Awaitility.await;

import io.dashcache.bootstrap.ConfigLoader;
import io.dashcache.bootstrap.Dashcache;
import io.dashcache.testsupport.RedisTestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The dashcache instances of one test, all on one fresh Redis key prefix, started the way
 * {@code Main} starts one (environment variables through {@link ConfigLoader}). Closing stops every
 * instance (in parallel), checks that no dashcache thread outlives them, and deletes the prefix's
 * keys.
 */
final class Instances implements AutoCloseable {

    private static final Duration THREADS_GONE = Duration.ofSeconds(5);
    private static final Duration SUBSCRIBED_WITHIN = Duration.ofSeconds(5);

    private final String prefix = RedisTestServer.uniquePrefix();
    private final String redisUrl;
    private final Map<String, String> environment = new HashMap<>();
    private final List<Dashcache> running = new CopyOnWriteArrayList<>();
    // threads of instances other tests may still be stopping are theirs to check, not these instances'
    private final Set<Thread> threadsBefore = liveDashcacheThreads();
    private RedisProbe redis;

    private Instances(String engineUrl, String redisUrl) {
        this.redisUrl = redisUrl;
        environment.put("DASHCACHE_HTTP_PORT", "0");
        environment.put("DASHCACHE_REDIS_URL", redisUrl);
        environment.put("DASHCACHE_KEY_PREFIX", prefix);
        environment.put("DASHCACHE_DEMO_EVENTS_PER_MINUTE", "0");
        // these tests look at the read path and invalidation: warming loads keys on its own schedule
        // (a user's first read warms the rest), which would make "the first read is a MISS" and "one
        // engine request per version" a race; warming has end-to-end tests of its own (stampede)
        environment.put("DASHCACHE_WARM_ON_FIRST_READ", "false");
        environment.put("DASHCACHE_WARM_INTERVAL_SECONDS", "0");
        environment.put("DASHCACHE_ENGINE_URL", engineUrl);
    }

    /** Instances whose engine is {@code engine}; one started with {@code DASHCACHE_ENGINE_URL=""} runs the demo engine. */
    static Instances on(FakeEngine engine) {
        return on(engine, RedisTestServer.url());
    }

    /** The same on another Redis: a {@code redis-cluster://} URL runs the instances on a cluster. */
    static Instances on(FakeEngine engine, String redisUrl) {
        return new Instances(engine.url(), redisUrl);
    }

    Dashcache start(String instanceId) {
        return start(instanceId, Map.of());
    }

    /** Starts one more instance; {@code overrides} replace or add environment variables. */
    Dashcache start(String instanceId, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("DASHCACHE_INSTANCE_ID", instanceId);
        env.putAll(overrides);
        Dashcache instance = Dashcache.start(ConfigLoader.load(env));
        running.add(instance);
        return instance;
    }

    /** Stops one instance, as a restart or a crash-free shutdown would. */
    void stop(Dashcache instance) {
        running.remove(instance);
        instance.close();
    }

    /**
     * Waits until {@code count} instances listen for invalidation broadcasts: a message published
     * before an instance subscribed never reaches it (its L1 would heal only by TTL).
     */
    void awaitSubscribed(int count) {
        await(count + " instances subscribed").pollInSameThread().pollInterval(Duration.ofMillis(5))
                .atMost(SUBSCRIBED_WITHIN)
                .until(() -> redis().subscribers(key("invalidations")) == count);
    }

    /** A Redis name under this test's prefix: {@code key("overview:user:42")}. */
    String key(String rest) {
        return prefix + ":" + rest;
    }

    String eventsStream() {
        return key("events");
    }

    RedisProbe redis() {
        if (redis == null) {
            redis = new RedisProbe(redisUrl);
        }
        return redis;
    }

    @Override
    public void close() {
        List<Thread> closing = new ArrayList<>();
        for (Dashcache instance : running) {
            Thread thread = new Thread(instance::close, "test-close-" + closing.size());
            thread.start();
            closing.add(thread);
        }
        running.clear();
        awaitStopped(closing);
        redis().deleteKeys(prefix);
        redis.close();
        await("every dashcache thread stopped").pollInSameThread().pollInterval(Duration.ofMillis(20))
                .atMost(THREADS_GONE).until(() -> threadsBefore.containsAll(liveDashcacheThreads()));
    }

    /**
     * Waits for the closing threads. An event consumer's close waits out its blocking XREADGROUP
     * (up to a second); deleting the stream, which is this test's own, ends that read at once with
     * an error, so the consumer sees its stop. Deleted again until all are down, for a read that
     * began just before its stop.
     */
    private void awaitStopped(List<Thread> closing) {
        try {
            for (Thread thread : closing) {
                while (thread.isAlive()) {
                    redis().delete(eventsStream());
                    thread.join(10);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping instances", e);
        }
    }

    /** Threads an instance names {@code dashcache-...}: HTTP, events, invalidations, refresh, warming, demo feed. */
    private static Set<Thread> liveDashcacheThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("dashcache-"))
                .collect(Collectors.toSet());
    }
}
