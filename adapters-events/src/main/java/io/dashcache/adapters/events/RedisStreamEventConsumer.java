package io.dashcache.adapters.events;

import io.dashcache.adapters.events.ConsumerGroup.Removal;
import io.dashcache.application.concurrency.DaemonThreads;
import io.dashcache.application.port.in.invalidation.ApplyEngineEvent;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.domain.EngineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamConsumerInfo;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Applies the engine's events from a Redis Stream, read with a consumer group so that every entry
 * goes to one instance, at least once.
 *
 * <pre>{@code
 * var consumer = new RedisStreamEventConsumer(redisClient,
 *         EventConsumerSettings.defaults(keys, "dashcache-" + instanceId), applyEngineEvent);
 * consumer.start();   // one daemon thread
 * ...
 * consumer.close();   // returns within about the block timeout; the Redis client stays open
 * }</pre>
 *
 * <p>An entry is acknowledged only after the port applied it (or after it was moved to
 * {@code {stream}:dead} because it can never be applied). When the port or Redis fails, nothing is
 * acknowledged: the consumer backs off and re-reads its own pending entries, so no event is lost
 * and none overtakes an older one. Applying an event twice is harmless: the port is idempotent by event id.
 *
 * <p>Instances die with entries in hand. Every consumer beats a heartbeat ({@link ConsumerHeartbeats}) from
 * a thread of its own; once a consumer has been silent for the liveness timeout, the others take over its
 * entries pending at least that long (XCLAIM, so each goes to one of them) and remove it from the group once
 * it has none left: a dead instance's events are applied a few seconds after it died. A consumer that never
 * beat (an older version, during a rolling upgrade) is covered by the fallback: entries idle longer than the
 * claim-idle time are taken with XAUTOCLAIM (from any consumer, so also from one whose heartbeat goes on
 * while its consumer thread hangs), and it is removed once idle for the forget-idle time with nothing pending. A consumer is never removed while it has entries pending: removing it would drop them.
 */
public final class RedisStreamEventConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisStreamEventConsumer.class);

    private static final StreamEntryID STREAM_START = ConsumerGroup.STREAM_START;
    /** Silent consumers looked at in one pass; more wait for the next pass. */
    private static final int SILENT_PER_PASS = 100;
    private static final Duration FIRST_RETRY = Duration.ofMillis(50);
    /** Short, so that events resume within a second of a failover (a promotion, a Sentinel switch, a restart). */
    private static final Duration MAX_RETRY = Duration.ofMillis(400);
    /** close() waits this long beyond the block timeout for the batch in hand to be applied and acked. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final UnifiedJedis redis;
    private final EventConsumerSettings settings;
    private final ApplyEngineEvent applyEngineEvent;
    private final EntryDecoder decoder;
    private final DeadLetters deadLetters;
    private final ConsumerGroup group;
    private final ConsumerHeartbeats heartbeats;
    private final ConsumerCounters counters = new ConsumerCounters();
    private final Backoff backoff = new Backoff(FIRST_RETRY, MAX_RETRY);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private Thread thread;
    private boolean inOutage;

    /**
     * @param redis            the shared Jedis client ({@code RedisClient}, {@code JedisPooled}, ...);
     *                         the consumer borrows one connection at a time and never closes the client
     * @param settings         stream, group, this instance's consumer name and the limits
     * @param applyEngineEvent the use case every readable event is handed to
     */
    public RedisStreamEventConsumer(UnifiedJedis redis, EventConsumerSettings settings,
                                    ApplyEngineEvent applyEngineEvent) {
        this.redis = redis;
        this.settings = settings;
        this.applyEngineEvent = applyEngineEvent;
        this.decoder = new EntryDecoder(settings.maxEntryBytes());
        this.deadLetters = new DeadLetters(redis, settings);
        this.group = new ConsumerGroup(redis, settings);
        this.heartbeats = new ConsumerHeartbeats(redis, settings);
    }

    /** Starts the consumer thread; it runs until {@link #close()}, whatever Redis or the port do. */
    public synchronized void start() {
        if (thread != null || stopRequested.getCount() == 0) {
            throw new IllegalStateException("event consumer " + settings.consumer() + " can be started once");
        }
        thread = DaemonThreads.thread("dashcache-events-" + settings.consumer(), this::run);
        thread.setUncaughtExceptionHandler((t, e) ->
                log.error("engine event consumer {} stopped by an error; events wait in {} for another instance",
                        settings.consumer(), settings.stream(), e));
        thread.start();
        Thread consumerThread = thread;
        heartbeats.start(() -> !stopping(consumerThread)); // an instance whose consumer thread died is dead too
    }

    /** Stops reading; the entries of a batch in hand are applied and acknowledged first. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            running = thread;
        }
        stopRequested.countDown();
        if (running == null) {
            heartbeats.close();
            return;
        }
        if (running == Thread.currentThread()) {
            return;
        }
        try {
            running.join(settings.blockTimeout().plus(CLOSE_GRACE).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (running.isAlive()) {
            log.warn("engine event consumer {} is still finishing a batch; it stops right after", settings.consumer());
        }
    }

    public EventConsumerStats stats() {
        return counters.snapshot();
    }

    /** Whether the consumer thread is alive (for tests of close()). */
    synchronized boolean running() {
        return thread != null && thread.isAlive();
    }

    private void run() {
        log.info("applying engine events from {} as consumer {} of group {}",
                settings.stream(), settings.consumer(), settings.group());
        boolean recovering = true;
        long nextTakeOverAt = System.nanoTime();
        long takeOverPeriod = settings.heartbeat().toNanos();
        long nextClaimAt = System.nanoTime();
        long claimPeriod = settings.claimIdle().dividedBy(2).toNanos();
        try {
            while (!stopping()) {
                try {
                    if (recovering) {
                        group.create();
                        applyOwnPending();
                        recovering = false;
                    }
                    if (System.nanoTime() - nextTakeOverAt >= 0) {
                        takeOverSilent();
                        nextTakeOverAt = System.nanoTime() + takeOverPeriod;
                    }
                    if (System.nanoTime() - nextClaimAt >= 0) {
                        claimAbandoned();
                        removeForgotten();
                        nextClaimAt = System.nanoTime() + claimPeriod;
                    }
                    applyNew();
                    recovered();
                } catch (RuntimeException e) {
                    // whatever failed, the entries in hand are still pending: start over from them
                    recovering = true;
                    failed(e);
                    pause(backoff.next());
                }
            }
        } finally {
            heartbeats.close();
        }
        leave();
        log.info("engine event consumer {} stopped", settings.consumer());
    }

    /**
     * A consumer that stops leaves the group if it has nothing pending; otherwise it says it is dead at once,
     * so another instance takes its entries now rather than after the liveness timeout.
     */
    private void leave() {
        try {
            if (group.removeIfNothingPending(settings.consumer()) == Removal.KEPT_WITH_ENTRIES_PENDING) {
                heartbeats.stopped();
            } else {
                heartbeats.forget(settings.consumer());
            }
        } catch (RuntimeException e) {
            log.debug("engine event consumer {} stopped without leaving the group ({}); the others remove it",
                    settings.consumer(), OneLine.of(e.getMessage(), 200));
        }
    }

    /** Entries of consumers whose heartbeat stopped: they died (or cannot reach Redis, which is the same here). */
    private void takeOverSilent() {
        for (String silent : heartbeats.silent(SILENT_PER_PASS)) {
            if (silent.equals(settings.consumer()) || stopping()) {
                continue; // this one's own beat was late: it is plainly alive
            }
            int taken = 0;
            for (List<StreamEntry> claimed = group.claimFrom(silent); !claimed.isEmpty() && !stopping();
                 claimed = group.claimFrom(silent)) {
                taken += claimed.size();
                counters.takenOver(claimed.size());
                process(claimed);
            }
            if (taken > 0) {
                log.info("consumer {} took over {} engine events of consumer {}, silent for more than {} ms",
                        settings.consumer(), taken, silent, settings.liveness().toMillis());
            }
            Removal removal = group.removeIfNothingPending(silent);
            if (removal != Removal.KEPT_WITH_ENTRIES_PENDING) {
                heartbeats.forget(silent); // gone from the group: its record goes too
            }
            if (removal == Removal.REMOVED) {
                counters.consumerRemoved();
                log.info("consumer {} removed from group {} of {}: no heartbeat for {} ms and nothing pending",
                        silent, settings.group(), settings.stream(), settings.liveness().toMillis());
            }
        }
    }

    /** Consumers that never beat a heartbeat, have nothing pending and have long been idle: gone. */
    private void removeForgotten() {
        long forgetMillis = settings.forgetIdle().toMillis();
        for (StreamConsumerInfo each : group.consumers()) {
            String name = each.getName();
            if (name.equals(settings.consumer()) || each.getPending() > 0 || each.getIdle() < forgetMillis
                    || heartbeats.known(name)) {
                continue;
            }
            if (group.removeIfNothingPending(name) == Removal.REMOVED) {
                counters.consumerRemoved();
                log.info("consumer {} removed from group {} of {}: no heartbeat, idle for {} ms, nothing pending",
                        name, settings.group(), settings.stream(), each.getIdle());
            }
        }
    }

    /** Entries this consumer read before but did not acknowledge: a restart, or a failed attempt. */
    private void applyOwnPending() {
        StreamEntryID after = STREAM_START;
        XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(settings.batchSize());
        while (!stopping()) {
            List<StreamEntry> entries = read(params, after);
            if (entries.isEmpty()) {
                return;
            }
            process(entries);
            after = entries.get(entries.size() - 1).getID();
        }
    }

    /** Entries another consumer read and left pending for too long: it is taken to be dead. */
    private void claimAbandoned() {
        StreamEntryID cursor = STREAM_START;
        XAutoClaimParams params = XAutoClaimParams.xAutoClaimParams().count(settings.batchSize());
        do {
            Map.Entry<StreamEntryID, List<StreamEntry>> page = redis.xautoclaim(settings.stream(), settings.group(),
                    settings.consumer(), settings.claimIdle().toMillis(), cursor, params);
            List<StreamEntry> claimed = page.getValue();
            if (!claimed.isEmpty()) {
                counters.takenOver(claimed.size());
                log.info("consumer {} took over {} engine events pending longer than {} ms", settings.consumer(),
                        claimed.size(), settings.claimIdle().toMillis());
                process(claimed);
            }
            cursor = page.getKey();
        } while (!STREAM_START.equals(cursor) && !stopping());
    }

    private void applyNew() {
        XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(settings.batchSize())
                .block((int) settings.blockTimeout().toMillis());
        process(read(params, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
    }

    private List<StreamEntry> read(XReadGroupParams params, StreamEntryID from) {
        List<Map.Entry<String, List<StreamEntry>>> answer = redis.xreadGroup(settings.group(), settings.consumer(),
                params, Map.of(settings.stream(), from));
        if (answer == null) {
            return List.of(); // BLOCK timed out
        }
        List<StreamEntry> entries = new ArrayList<>();
        answer.forEach(stream -> entries.addAll(stream.getValue()));
        return entries;
    }

    /**
     * Applies entries in order and acknowledges the ones done in one XACK. The first failure stops
     * the batch: the rest stay pending and are retried in order.
     */
    private void process(List<StreamEntry> entries) {
        List<StreamEntryID> done = new ArrayList<>(entries.size());
        RuntimeException failure = null;
        for (StreamEntry entry : entries) {
            try {
                handle(entry);
            } catch (RuntimeException e) {
                failure = e;
                break;
            }
            done.add(entry.getID());
        }
        try {
            if (!done.isEmpty()) {
                redis.xack(settings.stream(), settings.group(), done.toArray(StreamEntryID[]::new));
            }
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void handle(StreamEntry entry) {
        Map<String, String> fields = entry.getFields();
        if (fields == null) {
            // Redis answers a pending id whose entry was trimmed or XDELed with no fields
            log.warn("engine event {} was removed from {} before it was applied; its invalidation is lost "
                    + "(is the stream trimmed too short?)", entry.getID(), settings.stream());
            return;
        }
        EngineEvent event;
        try {
            event = decoder.decode(fields);
        } catch (UnreadableEntryException e) {
            deadLetters.keep(entry, e.getMessage());
            counters.deadLettered();
            log.warn("engine event {} from {} moved to {}: {}", entry.getID(), settings.stream(),
                    settings.deadStream(), e.getMessage());
            return;
        }
        counters.applied(applyEngineEvent.apply(event, entryTime(entry.getID())));
    }

    /** When the entry was added to the stream: its id's milliseconds, Redis' clock. */
    static Instant entryTime(StreamEntryID id) {
        return Instant.ofEpochMilli(id.getTime());
    }

    private void failed(RuntimeException e) {
        String error = e.getClass().getSimpleName() + ": " + OneLine.of(e.getMessage(), 200);
        counters.failed(error);
        if (inOutage) {
            log.debug("engine events from {} still not applied: {}", settings.stream(), error);
            return;
        }
        inOutage = true;
        String message = "engine events from {} are not being applied ({}); retrying with back-off, "
                + "nothing is acknowledged until it is applied";
        if (e instanceof CacheTierUnavailableException || e instanceof JedisException) {
            log.warn(message, settings.stream(), error);
        } else {
            log.warn(message, settings.stream(), error, e); // not an outage we know: keep the stack
        }
    }

    private void recovered() {
        backoff.reset();
        if (inOutage) {
            inOutage = false;
            counters.recovered();
            log.info("engine events from {} are applied again", settings.stream());
        }
    }

    private void pause(Duration delay) {
        try {
            stopRequested.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0 || Thread.currentThread().isInterrupted();
    }

    private boolean stopping(Thread consumerThread) {
        return stopRequested.getCount() == 0 || !consumerThread.isAlive();
    }
}
