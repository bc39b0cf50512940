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
 * On a cluster, {@code used_memory} and the command stats are summed over the primaries
 * ({@link RedisPrimaries}); replicas hold copies and are not counted, nor are the replication buffers.
 * All of them are server-wide: on a Redis shared with other tests, their traffic is in the figures too.
 */
final class RedisMemory {

    private RedisMemory() {
    }

    /** {@code used_memory} without the replication buffers, summed over the primaries of a cluster. */
    static long usedBytes(UnifiedJedis redis) {
        return RedisPrimaries.sum(redis, RedisMemory::serverUsedBytes);
    }

    /**
     * {@code used_memory} of the one server {@code server} talks to, less {@code mem_total_replication_buffers}:
     * a primary's backlog fills up to its limit (1 MB by default) as the fill streams to the replica,
     * which would count as the keys' memory (300 bytes a key at 10k keys on three primaries). Without
     * replicas the buffers are 0 and this is {@code used_memory}.
     */
    static long serverUsedBytes(UnifiedJedis server) {
        String buffers = Machine.infoField(server, "memory", "mem_total_replication_buffers");
        return Long.parseLong(Machine.infoField(server, "memory", "used_memory"))
                - ("unknown".equals(buffers) ? 0 : Long.parseLong(buffers));
    }

    /** {@code maxmemory} of the one server {@code server} talks to, 0 when unlimited. */
    static long serverMaxBytes(UnifiedJedis server) {
        return Long.parseLong(Machine.infoField(server, "memory", "maxmemory"));
    }

    /** The memory of the machine a server runs on (any node's, on a cluster). */
    static long systemBytes(UnifiedJedis redis) {
        return Long.parseLong(Machine.infoField(redis, "memory", "total_system_memory"));
    }

    /** The key, its value and their bookkeeping in the main table, as Redis counts them (no sampling). */
    static long usageOf(UnifiedJedis redis, byte[] key) {
        Long usage = redis.memoryUsage(key, 0);
        return usage == null ? 0 : usage;
    }

    /**
     * Calls and microseconds of CPU Redis has spent in {@code command} since its stats were last
     * reset, summed over the primaries of a cluster.
     */
    static CommandStat commandStat(UnifiedJedis redis, String command) {
        return RedisPrimaries.map(redis, server -> serverCommandStat(server, command)).stream()
                .reduce(new CommandStat(0, 0), CommandStat::plus);
    }

    private static CommandStat serverCommandStat(UnifiedJedis server, String command) {
        String line = Machine.infoField(server, "commandstats", "cmdstat_" + command);
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

        CommandStat plus(CommandStat other) {
            return new CommandStat(calls + other.calls, micros + other.micros);
        }
    }
}
