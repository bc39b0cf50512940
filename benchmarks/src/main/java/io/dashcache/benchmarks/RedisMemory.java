package io.dashcache.benchmarks;

import redis.clients.jedis.UnifiedJedis;

/**
 * What Redis says about its memory and its commands, for the scale run: {@code used_memory} (what
 * the allocator has handed out, the figure {@code maxmemory} is compared with), {@code MEMORY USAGE}
 * of one key, and the calls and CPU microseconds {@code INFO commandstats} counts for one command.
 *
 * <pre>{@code
 * long before = RedisMemory.usedBytes(redis);
 * RedisMemory.CommandStat eval = RedisMemory.commandStat(redis, "eval");
 * }</pre>
 *
 * All of them are server-wide: on a Redis shared with other tests, their traffic is in the figures too.
 */
final class RedisMemory {

    private RedisMemory() {
    }

    static long usedBytes(UnifiedJedis redis) {
        return Long.parseLong(Machine.infoField(redis, "memory", "used_memory"));
    }

    /** {@code maxmemory}, 0 when unlimited. */
    static long maxBytes(UnifiedJedis redis) {
        return Long.parseLong(Machine.infoField(redis, "memory", "maxmemory"));
    }

    static long systemBytes(UnifiedJedis redis) {
        return Long.parseLong(Machine.infoField(redis, "memory", "total_system_memory"));
    }

    /** The key, its value and their bookkeeping in the main table, as Redis counts them (no sampling). */
    static long usageOf(UnifiedJedis redis, byte[] key) {
        Long usage = redis.memoryUsage(key, 0);
        return usage == null ? 0 : usage;
    }

    /** Calls and microseconds of CPU Redis has spent in {@code command} since its stats were last reset. */
    static CommandStat commandStat(UnifiedJedis redis, String command) {
        String line = Machine.infoField(redis, "commandstats", "cmdstat_" + command);
        long calls = 0;
        long micros = 0;
        for (String part : line.split(",")) {
            if (part.startsWith("calls=")) {
                calls = Long.parseLong(part.substring("calls=".length()));
            } else if (part.startsWith("usec=")) {
                micros = Long.parseLong(part.substring("usec=".length()));
            }
        }
        return new CommandStat(calls, micros);
    }

    record CommandStat(long calls, long micros) {

        /** Microseconds per call between {@code earlier} and this. */
        double microsPerCallSince(CommandStat earlier) {
            long calls = this.calls - earlier.calls;
            return calls == 0 ? Double.NaN : (double) (micros - earlier.micros) / calls;
        }
    }
}
