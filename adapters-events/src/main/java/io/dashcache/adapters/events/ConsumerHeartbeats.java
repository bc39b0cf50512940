package io.dashcache.adapters.events;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Which consumers of the group are alive: each running consumer writes the Redis server's time into
 * {@code {stream}:alive} (a sorted set, consumer to milliseconds) every heartbeat, from a thread of its own,
 * so a consumer busy with a slow batch still counts as alive. A consumer whose last beat is older than the
 * liveness timeout is dead. Only Redis's clock is read, so clock skew between instances does not matter.
 *
 * <p>A consumer missing from the set never sent a heartbeat (an instance of an older version): it is left
 * to the long claim-idle fallback. Each command names the one key, so this works on a Redis Cluster too.
 *
 * <p>The record is advisory: while its key cannot be read (its cluster node failing over, say) takeovers
 * wait and nothing else does, so the reads here answer "nobody silent" rather than stop the consumer.
 */
final class ConsumerHeartbeats implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerHeartbeats.class);

    /** An abandoned stream's set goes away by itself a day after the last beat. */
    private static final Duration KEEP_SET = Duration.ofDays(1);

    private static final String NOW_MS = "local t = redis.call('TIME') "
            + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) ";
    private static final String BEAT = NOW_MS
            + "redis.call('ZADD', KEYS[1], string.format('%d', now), ARGV[1]) "
            + "redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1";
    private static final String SILENT = NOW_MS
            + "return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. string.format('%d', now - tonumber(ARGV[1])), "
            + "'LIMIT', 0, tonumber(ARGV[2]))";

    private final UnifiedJedis redis;
    private final EventConsumerSettings settings;
    private ScheduledExecutorService beating;
    private volatile boolean failing;

    ConsumerHeartbeats(UnifiedJedis redis, EventConsumerSettings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    /** Beats every heartbeat period while {@code alive} says the consumer thread runs. */
    synchronized void start(BooleanSupplier alive) {
        beating = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "dashcache-events-heartbeat-" + settings.consumer());
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.heartbeat().toMillis();
        beating.scheduleWithFixedDelay(() -> {
            if (alive.getAsBoolean()) {
                beatQuietly();
            }
        }, 0, period, TimeUnit.MILLISECONDS);
    }

    /** This consumer is alive now. */
    void beat() {
        redis.eval(BEAT, List.of(settings.aliveKey()),
                List.of(settings.consumer(), Long.toString(KEEP_SET.toMillis())));
    }

    /** Consumers whose last beat is older than the liveness timeout, at most {@code limit}; none if unreadable. */
    @SuppressWarnings("unchecked")
    List<String> silent(int limit) {
        try {
            Object answer = redis.eval(SILENT, List.of(settings.aliveKey()),
                    List.of(Long.toString(settings.liveness().toMillis()), Integer.toString(limit)));
            return answer == null ? List.of() : (List<String>) answer;
        } catch (JedisException e) {
            unreadable(e);
            return List.of();
        }
    }

    /** Whether {@code consumer} has a heartbeat on record; when unreadable, taken to have one (it is kept). */
    boolean known(String consumer) {
        try {
            return redis.zscore(settings.aliveKey(), consumer) != null;
        } catch (JedisException e) {
            unreadable(e);
            return true;
        }
    }

    /** Takes {@code consumer} off the record once it left the group; if that fails, a later pass does it. */
    void forget(String consumer) {
        try {
            redis.zrem(settings.aliveKey(), consumer);
        } catch (JedisException e) {
            unreadable(e);
        }
    }

    /** Marks this consumer dead at once (it stops with entries pending), so that others take them now. */
    void stopped() {
        redis.zadd(settings.aliveKey(), 0, settings.consumer());
    }

    /** Stops beating; the record stays until the consumer leaves the group or goes silent. */
    @Override
    public synchronized void close() {
        if (beating == null) {
            return;
        }
        beating.shutdownNow();
        try { // a beat in flight must not land after the consumer left and its record was removed
            beating.awaitTermination(settings.heartbeat().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void unreadable(JedisException e) {
        log.debug("heartbeats of {} not read ({}); dead consumers are taken over once they are",
                settings.aliveKey(), OneLine.of(e.getMessage(), 200));
    }

    private void beatQuietly() {
        try {
            beat();
            if (failing) {
                failing = false;
                log.info("heartbeat of engine event consumer {} written again", settings.consumer());
            }
        } catch (RuntimeException e) {
            // the consumer thread sees the same outage and reports it; say it once here
            if (!failing) {
                failing = true;
                log.warn("heartbeat of engine event consumer {} not written ({}); others take its events over "
                        + "if this lasts {} ms", settings.consumer(), OneLine.of(e.getMessage(), 200),
                        settings.liveness().toMillis());
            }
        }
    }
}
