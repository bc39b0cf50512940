package io.dashcache.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Period;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import io.dashcache.testsupport.PrivateRedisServer;
import io.dashcache.testsupport.RedisCommandLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A whole dashboard in one call: one Redis round trip when everything is in Redis (proved with
 * MONITOR on a server of the test's own), one engine call per part for a cold user.
 */
class BatchReadTest {

    private static PrivateRedisServer redis;
    private final ConcurrentMap<CacheKey, AtomicInteger> engineCalls = new ConcurrentHashMap<>();

    @BeforeAll
    static void startRedis() {
        redis = PrivateRedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void eight_parts_all_in_redis_cost_one_redis_command() {
        List<CacheKey> parts = dashboard("warm");
        try (DashcacheClient writer = client("w"); DashcacheClient reader = client("r")) {
            writer.getAll(parts);
            awaitSubscribed(reader);

            List<List<String>> commands;
            Map<CacheKey, DashboardRead> reads;
            try (RedisCommandLog log = RedisCommandLog.attach(redis.url()); Jedis marker = new Jedis(redis.url())) {
                marker.echo("batch-start");
                reads = reader.getAll(parts);
                marker.echo("batch-end");
                await().atMost(Duration.ofSeconds(5)).until(() -> containsEcho(log.commands(), "batch-end"));
                commands = between(log.commands(), "batch-start", "batch-end");
            }

            assertThat(reads.values()).extracting(DashboardRead::outcome).containsOnly(CacheOutcome.L2_HIT);
            assertThat(reads).containsOnlyKeys(parts);
            assertThat(commands).hasSize(1);
            assertThat(commands.get(0).get(0)).isEqualToIgnoringCase("MGET");
            assertThat(engineCalls.values()).allSatisfy(calls -> assertThat(calls).hasValue(1));
        }
    }

    @Test
    void a_cold_user_gets_one_engine_call_per_part_and_then_hits_l1() {
        List<CacheKey> parts = dashboard("cold");
        try (DashcacheClient client = client("c")) {
            Map<CacheKey, DashboardRead> first = client.getAll(parts);
            Map<CacheKey, DashboardRead> again = client.getAll(parts);

            assertThat(first.values()).extracting(DashboardRead::outcome).containsOnly(CacheOutcome.MISS);
            assertThat(first.keySet()).containsExactlyElementsOf(parts);
            assertThat(engineCalls).containsOnlyKeys(parts);
            assertThat(engineCalls.values()).allSatisfy(calls -> assertThat(calls).hasValue(1));
            assertThat(again.values()).extracting(DashboardRead::outcome).containsOnly(CacheOutcome.L1_HIT);
            assertThat(new String(again.get(parts.get(0)).entry().payload(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"part\":\"overview:user:cold\"}");
        }
    }

    private static List<CacheKey> dashboard(String user) {
        UserId id = UserId.of(user);
        return List.of(
                CacheKey.forUser(DataType.OVERVIEW, id),
                CacheKey.forUser(DataType.NOTIFICATIONS, id),
                CacheKey.forUser(DataType.RECENT_ACTIVITY, id),
                CacheKey.forUser(DataType.USER_PREFERENCES, id),
                CacheKey.widget(id, WidgetType.of("heatmap")),
                CacheKey.forPeriod(DataType.ANALYTICS, Period.parse("7d")),
                CacheKey.global(DataType.SYSTEM_STATUS),
                CacheKey.global(DataType.PERFORMANCE_METRICS));
    }

    private DashcacheClient client(String name) {
        return DashcacheClient.builder()
                .redis(redis.url())
                .keyPrefix("batch")
                .instanceId(name)
                .loader(key -> {
                    engineCalls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    return ("{\"part\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);
                })
                .build();
    }

    private static void awaitSubscribed(DashcacheClient client) {
        await().atMost(Duration.ofSeconds(5)).until(client::isSubscribed);
    }

    private static boolean containsEcho(List<List<String>> commands, String text) {
        return commands.stream().anyMatch(c -> isEcho(c, text));
    }

    private static boolean isEcho(List<String> command, String text) {
        return command.size() == 2 && command.get(0).equalsIgnoreCase("ECHO") && command.get(1).equals(text);
    }

    /** The commands strictly between two ECHO markers, without the subscribers' heartbeats. */
    private static List<List<String>> between(List<List<String>> commands, String start, String end) {
        List<List<String>> inside = new ArrayList<>();
        boolean in = false;
        for (List<String> command : commands) {
            if (isEcho(command, start)) {
                in = true;
            } else if (isEcho(command, end)) {
                break;
            } else if (in && !command.get(0).equalsIgnoreCase("PING")) {
                inside.add(command);
            }
        }
        return inside;
    }
}
