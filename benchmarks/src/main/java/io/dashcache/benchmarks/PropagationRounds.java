package io.dashcache.benchmarks;

import io.dashcache.bootstrap.Dashcache;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.UserId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;

/**
 * The propagation measurement's rounds, shared by {@link PropagationHarness} and {@link ScaleHarness}:
 * for each event, both instances hold a user's overview in L1 (checked: {@code X-Cache: L1_HIT} with
 * the current version); the {@link FakeEngine}'s answer changes; the event is added to the stream
 * with XADD; one thread per instance reads the overview in a loop until it shows the new data.
 *
 * <pre>{@code
 * try (PropagationRounds rounds = PropagationRounds.open(redis, engine, keys, config.eventsStream(), a, b, 100_000)) {
 *     PropagationRounds.Result result = rounds.run(20, 300, prefix);   // 20 unmeasured, then 300 measured
 * }
 * }</pre>
 */
final class PropagationRounds implements AutoCloseable {

    static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int USERS = 20;

    private final UnifiedJedis redis;
    private final FakeEngine engine;
    private final String eventsStream;
    private final RawHttpConnection[] connections;
    private final BroadcastListener listener;
    private final long pollPauseNanos;
    private final ExecutorService pollers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "poller");
        thread.setDaemon(true);
        return thread;
    });

    private PropagationRounds(UnifiedJedis redis, FakeEngine engine, String eventsStream,
                              RawHttpConnection[] connections, BroadcastListener listener, long pollPauseNanos) {
        this.redis = redis;
        this.engine = engine;
        this.eventsStream = eventsStream;
        this.connections = connections;
        this.listener = listener;
        this.pollPauseNanos = pollPauseNanos;
    }

    /** Connects to both instances and listens on their invalidation channel. */
    static PropagationRounds open(UnifiedJedis redis, FakeEngine engine, KeyFormat keys, String eventsStream,
                                  Dashcache a, Dashcache b, long pollPauseNanos) throws InterruptedException {
        RawHttpConnection[] connections = {
            new RawHttpConnection(a.port(), true), new RawHttpConnection(b.port(), true)};
        BroadcastListener listener = BroadcastListener.start(BenchRedis.oneServerUrl(),
                keys.name("invalidations"));
        return new PropagationRounds(redis, engine, eventsStream, connections, listener, pollPauseNanos);
    }

    /**
     * {@code warmUp} unmeasured rounds (for the JIT), then {@code events} measured ones; event ids are
     * {@code <eventIdPrefix>-<round>}, so the prefix must be new for every call.
     */
    Result run(int warmUp, int events, String eventIdPrefix) throws Exception {
        long[] bothFresh = new long[events];
        long[][] each = new long[2][events];
        long[] broadcast = new long[events];
        int gaveUp = 0;
        for (int i = -warmUp; i < events; i++) {
            String user = "p" + Math.floorMod(i, USERS);
            Call read = Call.read(CacheKey.forUser(DataType.OVERVIEW, UserId.of(user)), "/api/dashboard/overview");
            for (RawHttpConnection connection : connections) {
                untilL1Hit(connection, read, engine.version(user));
            }
            long version = engine.bump(user);
            String eventId = eventIdPrefix + "-" + i;
            listener.expect(eventId);
            long start = System.nanoTime();
            List<Future<Long>> fresh = new ArrayList<>();
            for (RawHttpConnection connection : connections) {
                fresh.add(pollers.submit(() -> untilVersion(connection, read, version, start)));
            }
            redis.xadd(eventsStream, StreamEntryID.NEW_ENTRY, Map.of("event",
                    "{\"eventId\":\"" + eventId + "\",\"type\":\"detection.created\",\"userId\":\""
                            + user + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\"}"));
            long latest = 0;
            for (int instance = 0; instance < 2; instance++) {
                long at = fresh.get(instance).get();
                if (i >= 0) {
                    each[instance][i] = at < 0 ? GIVE_UP_NANOS : at - start;
                }
                latest = at < 0 ? -1 : latest < 0 ? -1 : Math.max(latest, at - start);
            }
            if (i >= 0) {
                gaveUp += latest < 0 ? 1 : 0;
                bothFresh[i] = latest < 0 ? GIVE_UP_NANOS : latest;
                long heard = listener.heardAt(start + GIVE_UP_NANOS);
                broadcast[i] = heard < 0 ? GIVE_UP_NANOS : heard - start;
            }
        }
        return new Result(bothFresh, each, broadcast, gaveUp);
    }

    /** Reads until the instance answers from L1 with the current version (bounded). */
    private static void untilL1Hit(RawHttpConnection connection, Call read, long version) throws IOException {
        String expected = "\"version\":" + version + "}";
        for (int attempt = 0; attempt < 1000; attempt++) {
            HttpConnection.Reply reply = connection.send(read);
            if ("L1_HIT".equals(reply.xCache())
                    && new String(reply.body(), StandardCharsets.UTF_8).endsWith(expected)) {
                return;
            }
            LockSupport.parkNanos(1_000_000);
        }
        throw new IllegalStateException("no L1 hit with version " + version + " after 1000 reads of " + read.path());
    }

    /** Reads until the answer shows {@code version}; the moment it did, or -1 after 5 s. */
    private long untilVersion(RawHttpConnection connection, Call read, long version, long start) throws IOException {
        String expected = "\"version\":" + version + "}";
        while (System.nanoTime() - start < GIVE_UP_NANOS) {
            HttpConnection.Reply reply = connection.send(read);
            long at = System.nanoTime();
            if (reply.status() == 200 && new String(reply.body(), StandardCharsets.UTF_8).endsWith(expected)) {
                return at;
            }
            if (pollPauseNanos > 0) {
                LockSupport.parkNanos(pollPauseNanos);
            }
        }
        return -1;
    }

    @Override
    public void close() {
        pollers.shutdownNow();
        listener.close();
        for (RawHttpConnection connection : connections) {
            connection.close();
        }
    }

    /**
     * Nanoseconds from each XADD: to both instances fresh, to each ({@code each[0]} a, {@code each[1]} b),
     * to the invalidation broadcast; a round that gave up after 5 s counts as 5 s.
     */
    record Result(long[] bothFresh, long[][] each, long[] broadcast, int gaveUp) {

        /** To the first of the two instances fresh. */
        long[] first() {
            long[] first = new long[bothFresh.length];
            for (int i = 0; i < first.length; i++) {
                first[i] = Math.min(each[0][i], each[1][i]);
            }
            return first;
        }
    }
}
