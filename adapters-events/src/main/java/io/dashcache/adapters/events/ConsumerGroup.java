package io.dashcache.adapters.events;

import java.util.List;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.StreamConsumerInfo;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;

/** The consumer group's membership on the stream: creating it, taking over a consumer's entries, removing one. */
final class ConsumerGroup {

    /** The group starts at the stream's beginning: an event added before any instance ran is not lost. */
    static final StreamEntryID STREAM_START = new StreamEntryID(0, 0);

    /** What {@link #removeIfNothingPending} did. */
    enum Removal { REMOVED, KEPT_WITH_ENTRIES_PENDING, NOT_A_MEMBER }

    /*
     * XGROUP DELCONSUMER drops the consumer's pending entries with it, so the check that it has none and the
     * removal are one script: a consumer that read an entry meanwhile is kept. One key, so one slot.
     * XINFO CONSUMERS answers name first: [name, <name>, pending, <n>, idle, <ms>, ...].
     */
    private static final String REMOVE_IF_NOTHING_PENDING = """
            local member = false
            for _, each in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
              if each[2] == ARGV[2] then member = true break end
            end
            if not member then return -2 end
            if #redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2]) > 0 then return -1 end
            return redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])""";

    private final UnifiedJedis redis;
    private final EventConsumerSettings settings;

    ConsumerGroup(UnifiedJedis redis, EventConsumerSettings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    /** Creates the group (and the stream) unless it exists. */
    void create() {
        try {
            redis.xgroupCreate(settings.stream(), settings.group(), STREAM_START, true);
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /**
     * Moves to this consumer up to a batch of {@code from}'s entries that have been pending at least the
     * liveness timeout. XCLAIM checks the idle time again, so of two instances claiming at once one gets each
     * entry; entries younger than that stay where they are (their consumer may be merely slow).
     */
    List<StreamEntry> claimFrom(String from) {
        long minIdle = settings.liveness().toMillis();
        List<StreamPendingEntry> pending = redis.xpending(settings.stream(), settings.group(),
                XPendingParams.xPendingParams().idle(minIdle).count(settings.batchSize()).consumer(from));
        if (pending.isEmpty()) {
            return List.of();
        }
        StreamEntryID[] ids = pending.stream().map(StreamPendingEntry::getID).toArray(StreamEntryID[]::new);
        return redis.xclaim(settings.stream(), settings.group(), settings.consumer(), minIdle,
                XClaimParams.xClaimParams(), ids);
    }

    /** Removes {@code consumer} from the group unless it has entries pending (removing it would drop them). */
    Removal removeIfNothingPending(String consumer) {
        long answer = (Long) redis.eval(REMOVE_IF_NOTHING_PENDING, List.of(settings.stream()),
                List.of(settings.group(), consumer));
        if (answer == -2) {
            return Removal.NOT_A_MEMBER;
        }
        return answer == -1 ? Removal.KEPT_WITH_ENTRIES_PENDING : Removal.REMOVED;
    }

    /** Every consumer of the group with its pending count and idle time. */
    List<StreamConsumerInfo> consumers() {
        return redis.xinfoConsumers2(settings.stream(), settings.group());
    }
}
