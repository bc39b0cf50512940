package io.dashcache.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.bootstrap.Dashcache;
import io.dashcache.embedded.DashcacheCore;
import io.dashcache.testsupport.LocalRedisCluster;
import io.dashcache.testsupport.TestRedisClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;

/**
 * One shard of a 3 + 3 cluster dies (its primary SIGKILLed: the one holding the events stream and user
 * {@code dead}), while user {@code healthy} lives on another. Two instances without L1 (so every read
 * that is not a miss is an L2 hit) are read every 25 ms. While the dead shard is down, an event for the
 * healthy user is applied at once ({@code 200 APPLIED}, not {@code 202 QUEUED}) and that user's reads keep
 * hitting L2; the dead user's event is kept and applied once the replica took over. No read fails and no
 * instance ever answers older data than it did. Measures how long after the promotion (the replica says
 * it is a primary in {@code CLUSTER NODES}) the first events are applied: the kept webhook event and the
 * stream's.
 */
class ShardOutageTest extends EndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private LocalRedisCluster cluster;

    @BeforeAll
    void startCluster() {
        // the healthy shards serve while one is down (by default the whole cluster refuses until the promotion)
        cluster = LocalRedisCluster.start(3, 1, "--cluster-require-full-coverage", "no");
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    @Override
    protected String redisUrl() {
        return cluster.url();
    }

    @Test
    void a_dead_shard_holds_up_neither_the_events_nor_the_l2_reads_of_a_user_on_a_healthy_shard() throws Exception {
        Map<String, String> noL1 = Map.of("DASHCACHE_TTL_OVERVIEW", "600", "DASHCACHE_L1_MAX_BYTES", "0",
                "DASHCACHE_REFRESH_AHEAD_BETA", "0");
        Dashcache a = instances.start("instance-a", noL1);
        Dashcache b = instances.start("instance-b", noL1);
        instances.awaitSubscribed(2);
        int doomed = cluster.primaryPortForKey(instances.eventsStream());
        int replica = replicaOf(doomed);
        ApiRead dead = userWhere(port -> port == doomed, "dead");
        ApiRead healthy = notificationsWhere(port -> port != doomed, "healthy");
        int[] version = {0, 0};
        engine.answers(dead.engine(), dead.body("v0"));
        engine.answers(healthy.engine(), healthy.body("v0"));
        for (Dashcache instance : List.of(a, b)) {
            Api.get(instance, dead);
            Api.get(instance, healthy);
        }

        PollingReaders readers = new PollingReaders(List.of(a, b), List.of(dead, healthy), "shard-reader");
        readers.start();
        List<Reply> healthyPosts = new ArrayList<>();
        List<Long> healthyPostMillis = new ArrayList<>();
        long promoted;
        long replayed;
        long streamApplied;
        long xaddTaken;
        long killed;
        try (UnifiedJedis producer = TestRedisClients.open(redisUrl())) {
            killed = System.nanoTime();
            cluster.kill(doomed);
            PromotionWatch promotion = PromotionWatch.start(liveNode(doomed), replica);

            // the dead user's event: kept by the webhook, and on the stream once its primary is back
            version[0]++;
            engine.answers(dead.engine(), dead.body("v" + version[0]));
            await("the webhook takes the dead shard's event").atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions().until(() -> Api.post(b, "/api/events",
                            EngineEvents.detectionCreated(dead.user())).status() / 100 == 2);
            String streamed = EngineEvents.detectionCreated(dead.user());
            String streamedId = eventId(streamed);
            AtomicLong xadded = new AtomicLong();
            // as an engine would, retried every 20 ms; to the replica itself, so no client's own retries delay it
            Thread xadder = new Thread(() -> {
                try (Jedis successor = new Jedis("127.0.0.1", replica)) {
                    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> {
                        successor.xadd(instances.eventsStream(), StreamEntryID.NEW_ENTRY, Map.of("event", streamed));
                        return true;
                    });
                }
                xadded.set(System.nanoTime());
            }, "xadder");
            xadder.start();

            // the healthy user's events, every 700 ms until the replica took over: each applied at once
            while (!promotion.happened()) {
                version[1]++;
                engine.answers(healthy.engine(), healthy.body("v" + version[1]));
                long sent = System.nanoTime();
                Reply reply = Api.post(a, "/api/events", EngineEvents.of("notification.created", healthy.user()));
                healthyPostMillis.add((System.nanoTime() - sent) / 1_000_000);
                healthyPosts.add(reply);
                if (healthyPosts.size() > 40) {
                    break;
                }
                Thread.sleep(700);
            }
            promoted = promotion.await(PATIENCE);
            DashcacheCore coreB = b.part(DashcacheCore.class);
            await("b applies the event it kept").atMost(PATIENCE).pollInterval(Duration.ofMillis(5))
                    .until(() -> coreB.events().pendingEvents() == 0);
            replayed = System.nanoTime();
            await("the stream's event is applied").atMost(PATIENCE).pollInterval(Duration.ofMillis(5)).ignoreExceptions()
                    .until(() -> producer.exists(instances.key("event:" + streamedId)));
            streamApplied = System.nanoTime();
            xadder.join(PATIENCE.toMillis());
            xaddTaken = xadded.get();
            System.out.printf("shard outage: promotion %d ms after the kill; kept webhook event applied %d ms after "
                            + "the promotion, the stream's %d ms after it (XADD taken %d ms after it); %d events of the "
                            + "healthy user during the outage, answered in %s ms%n",
                    (promoted - killed) / 1_000_000, (replayed - promoted) / 1_000_000,
                    (streamApplied - promoted) / 1_000_000, (xaddTaken - promoted) / 1_000_000, healthyPosts.size(),
                    healthyPostMillis);
            awaitShows(List.of(a, b), dead, "v" + version[0]);
            awaitShows(List.of(a, b), healthy, "v" + version[1]);
        } finally {
            readers.stop();
        }

        assertThat(healthyPosts).as("events of the healthy user while the other shard was down").isNotEmpty()
                .allSatisfy(reply -> {
                    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
                    assertThat(reply.json().get("results").get(0).get("outcome").asText()).isEqualTo("APPLIED");
                });
        List<PollingReaders.Read> healthyDuringOutage = readers.of(healthy.user(), killed, promoted);
        long l2Hits = healthyDuringOutage.stream().filter(read -> "L2_HIT".equals(read.cache())).count();
        long misses = healthyDuringOutage.stream().filter(read -> !"L2_HIT".equals(read.cache())).count();
        assertThat(l2Hits).as("reads of the healthy user from L2 while the other shard was down (misses: %d)", misses)
                .isGreaterThan(20);
        // a miss loads the new data after each event, at most one per instance (the other may find it in L2)
        assertThat(misses).as("reads of the healthy user that skipped L2 while the other shard was down")
                .isLessThanOrEqualTo(2L * healthyPosts.size() + 2);
        assertThat(readers.failures()).as("reads that failed").isEmpty();
        assertThat(readers.backwardReads()).as("reads that showed older data than an earlier one on the same instance")
                .isZero();
        // the aim is under 1 s (issue 20; measured 364 to 687 ms for the kept event and 372 to 1,365 ms for the
        // stream's on a shared 2-core machine, the stream's slower when Jedis' own cluster retries were still on
        // the dead primary); the bounds here are what must hold on a loaded CI machine
        assertThat((replayed - promoted) / 1_000_000).as("ms from the promotion to the kept event applied")
                .isLessThan(2_000);
        assertThat((streamApplied - Math.max(promoted, xaddTaken)) / 1_000_000)
                .as("ms from the promotion (or the XADD, if later) to the stream's event applied").isLessThan(3_000);
    }

    /** A user whose keys live on a primary that {@code where} accepts: its overview. */
    private ApiRead userWhere(IntPredicate where, String name) {
        return ApiRead.overview(userOn(where, name));
    }

    /** The same, its notifications: a {@code notification.created} names no scope but the user's own. */
    private ApiRead notificationsWhere(IntPredicate where, String name) {
        return ApiRead.notifications(userOn(where, name));
    }

    private String userOn(IntPredicate where, String name) {
        for (int i = 0; ; i++) {
            String user = name + "-" + i;
            if (where.test(cluster.primaryPortForKey(instances.key("overview:user:{" + user + "}")))) {
                return user;
            }
        }
    }

    private int liveNode(int doomed) {
        return cluster.primaryPorts().stream().filter(port -> port != doomed).findFirst().orElseThrow();
    }

    /** The port of the replica of the primary on {@code primaryPort}, from {@code CLUSTER NODES}. */
    private int replicaOf(int primaryPort) {
        try (Jedis node = new Jedis("127.0.0.1", primaryPort)) {
            String nodes = node.clusterNodes();
            String primaryId = null;
            for (String line : nodes.split("\n")) {
                String[] fields = line.trim().split(" ");
                if (fields[1].startsWith("127.0.0.1:" + primaryPort + "@")) {
                    primaryId = fields[0];
                }
            }
            for (String line : nodes.split("\n")) {
                String[] fields = line.trim().split(" ");
                if (fields[2].contains("slave") && fields[3].equals(primaryId)) {
                    return Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
                }
            }
        }
        throw new IllegalStateException("no replica of " + primaryPort);
    }

    private static String eventId(String event) {
        Matcher matcher = Pattern.compile("\"eventId\":\"([^\"]+)\"").matcher(event);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static void awaitShows(List<Dashcache> both, ApiRead read, String wanted) {
        await(read.user() + " shows " + wanted).atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> both.stream().allMatch(instance -> Api.get(instance, read).text().equals(read.body(wanted))));
    }

    /** Polls a live node's {@code CLUSTER NODES} every 10 ms until the replica says it is a primary. */
    private static final class PromotionWatch {

        private final AtomicLong at = new AtomicLong();
        private final Thread thread;

        private PromotionWatch(int livePort, int replicaPort) {
            this.thread = new Thread(() -> {
                try (Jedis node = new Jedis("127.0.0.1", livePort)) {
                    while (at.get() == 0) {
                        for (String line : node.clusterNodes().split("\n")) {
                            String[] fields = line.trim().split(" ");
                            if (fields[1].startsWith("127.0.0.1:" + replicaPort + "@") && fields[2].contains("master")
                                    && !fields[2].contains("fail")) {
                                at.set(System.nanoTime());
                            }
                        }
                        Thread.sleep(10);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "promotion-watch");
            thread.setDaemon(true);
        }

        static PromotionWatch start(int livePort, int replicaPort) {
            PromotionWatch watch = new PromotionWatch(livePort, replicaPort);
            watch.thread.start();
            return watch;
        }

        boolean happened() {
            return at.get() != 0;
        }

        long await(Duration atMost) {
            Awaitility.await("the replica is promoted").atMost(atMost).until(this::happened);
            return at.get();
        }
    }
}
