package io.dashcache.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.clients.jedis.UnifiedJedis;

/** The machine a measurement ran on, in one line each, for the report and docs/benchmarks.md. */
final class Machine {

    private Machine() {
    }

    static String describe(UnifiedJedis redis) {
        return "cores " + Runtime.getRuntime().availableProcessors() + ", " + cpuModel() + ", Java "
                + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.name") + "), heap max "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, Redis " + infoField(redis, "server",
                "redis_version") + topology(redis) + ", load average " + loadAverage();
    }

    /** Empty for one server; for a cluster, how many primaries and how many nodes in all. */
    private static String topology(UnifiedJedis redis) {
        if (!RedisPrimaries.isCluster(redis)) {
            return "";
        }
        int primaries = RedisPrimaries.map(redis, node -> true).size();
        return " (cluster: " + primaries + " primaries, " + (RedisPrimaries.servers(redis) - primaries)
                + " replicas)";
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Seconds of CPU the Redis server has used since it started (user + system). */
    static double redisCpuSeconds(UnifiedJedis redis) {
        return Double.parseDouble(infoField(redis, "cpu", "used_cpu_user"))
                + Double.parseDouble(infoField(redis, "cpu", "used_cpu_sys"));
    }

    /** One field of an INFO section, as text; "unknown" when the server does not report it. */
    static String infoField(UnifiedJedis redis, String section, String field) {
        for (String line : redis.info(section).split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return "unknown";
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
