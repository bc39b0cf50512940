package io.dashcache.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.bootstrap.Dashcache;
import io.dashcache.testsupport.TestRedisClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;

/**
 * A Redis primary dies while dashboards are read on two instances and engine events keep coming.
 * The primary is the one that holds the events stream, and the users whose data the events change
 * live on it too. Its replica takes over; meanwhile no read fails, no instance ever shows a user's
 * data older than what it showed before, and every event's change becomes visible on both
 * instances, though TTLs are long enough that only the event can have made it so. Subclasses say
 * which Redis (a cluster, a Sentinel setup) and how its primary dies.
 */
abstract class PrimaryFailoverTest extends EndToEndTest {

    private static final Pattern VERSION = Pattern.compile("\"version\":\"v([0-9]+)\"");
    private static final Duration CONVERGED_WITHIN = Duration.ofSeconds(20);
    private static final int USERS = 4;
    private static final int ROUNDS_BEFORE = 2;
    private static final int ROUNDS_AFTER = 3;

    /** Whether {@code key} lives on the primary that {@link #killThatPrimary()} kills. */
    protected abstract boolean onDoomedPrimary(String key);

    /** Kills, as a crash, the primary that holds the events stream. */
    protected abstract void killThatPrimary();

    /** Returns once a replica serves in the dead primary's place. */
    protected abstract void awaitFailover(Duration atMost);

    @Test
    void killing_the_primary_of_the_stream_and_the_users_fails_no_read_serves_nothing_stale_and_loses_no_event()
            throws Exception {
        Map<String, String> longLived = Map.of("DASHCACHE_TTL_OVERVIEW", "600", "DASHCACHE_L1_TTL_SECONDS", "600",
                "DASHCACHE_REFRESH_AHEAD_BETA", "0");
        Dashcache a = instances.start("instance-a", longLived);
        Dashcache b = instances.start("instance-b", longLived);
        instances.awaitSubscribed(2);
        assertThat(onDoomedPrimary(instances.eventsStream())).as("the stream is on the primary to kill").isTrue();
        List<ApiRead> reads = usersOnDoomedPrimary();
        int[] version = new int[USERS];
        for (ApiRead read : reads) {
            engine.answers(read.engine(), read.body("v0"));
            Api.get(a, read);
            Api.get(b, read);
        }

        Readers readers = new Readers(List.of(a, b), reads);
        readers.start();
        try (UnifiedJedis producer = TestRedisClients.open(redisUrl())) {
            for (int round = 0; round < ROUNDS_BEFORE; round++) {
                changeEveryUser(reads, version, producer);
                awaitEveryUserShows(List.of(a, b), reads, version);
            }

            int readsBefore = readers.count();
            long killed = System.nanoTime();
            killThatPrimary();
            // events keep coming while the cluster fails over: the producer retries its XADD as any producer would
            changeEveryUser(reads, version, producer);
            long added = System.nanoTime();
            awaitFailover(Duration.ofSeconds(30));
            awaitEveryUserShows(List.of(a, b), reads, version);
            long fresh = System.nanoTime();
            System.out.printf("failover: %d reads while it lasted; the producer's XADDs went through %d ms after the "
                            + "kill, every user was fresh on both instances %d ms after that%n",
                    readers.count() - readsBefore, (added - killed) / 1_000_000, (fresh - added) / 1_000_000);

            for (int round = 1; round < ROUNDS_AFTER; round++) {
                changeEveryUser(reads, version, producer);
                awaitEveryUserShows(List.of(a, b), reads, version);
            }
        } finally {
            readers.stop();
        }

        assertThat(readers.failures).as("reads that failed during the failover").isEmpty();
        assertThat(readers.count()).as("reads made during the test").isGreaterThan(100);
        readers.assertNoInstanceWentBack();
    }

    /** Users whose overview lives on the primary to kill, as the stream does. */
    private List<ApiRead> usersOnDoomedPrimary() {
        List<ApiRead> reads = new ArrayList<>();
        for (int i = 0; reads.size() < USERS; i++) {
            String user = "fo-" + i;
            if (onDoomedPrimary(instances.key("overview:user:{" + user + "}"))) {
                reads.add(ApiRead.overview(user));
            }
        }
        return reads;
    }

    private void changeEveryUser(List<ApiRead> reads, int[] version, UnifiedJedis producer) {
        for (int i = 0; i < reads.size(); i++) {
            ApiRead read = reads.get(i);
            version[i]++;
            engine.answers(read.engine(), read.body("v" + version[i]));
            publish(producer, EngineEvents.detectionCreated(read.user()));
        }
    }

    /** XADD until it is taken, then WAIT for a replica (best effort: a promoted primary has none yet). */
    private void publish(UnifiedJedis producer, String event) {
        await("the event is added to the stream").atMost(CONVERGED_WITHIN).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> {
                    producer.xadd(instances.eventsStream(), StreamEntryID.NEW_ENTRY, Map.of("event", event));
                    return true;
                });
        try {
            producer.waitReplicas(instances.eventsStream(), 1, 200);
        } catch (RuntimeException noReplicaYet) {
            // the entry is on the primary; a replica catches up when one attaches
        }
    }

    private void awaitEveryUserShows(List<Dashcache> both, List<ApiRead> reads, int[] version) {
        for (int i = 0; i < reads.size(); i++) {
            ApiRead read = reads.get(i);
            String wanted = read.body("v" + version[i]);
            await(read.name() + " shows v" + version[i] + " on both instances").atMost(CONVERGED_WITHIN)
                    .pollInterval(Duration.ofMillis(20)).until(() -> both.stream()
                            .allMatch(instance -> Api.get(instance, read).text().equals(wanted)));
        }
    }

    /** Threads that read every user's overview on every instance until stopped, remembering each answer. */
    private static final class Readers {

        private final List<Dashcache> instances;
        private final List<ApiRead> reads;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();
        private final Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        private final List<String> failures = new CopyOnWriteArrayList<>();

        Readers(List<Dashcache> instances, List<ApiRead> reads) {
            this.instances = instances;
            this.reads = reads;
        }

        void start() {
            for (Dashcache instance : instances) {
                Thread thread = new Thread(() -> readUntilStopped(instance), "failover-reader-" + instance.port());
                thread.start();
                threads.add(thread);
            }
        }

        private void readUntilStopped(Dashcache instance) {
            while (running.get()) {
                for (ApiRead read : reads) {
                    Reply reply = Api.get(instance, read);
                    if (reply.status() != 200) {
                        failures.add(read.name() + " on " + instance.port() + ": " + reply.status() + " " + reply.text());
                        continue;
                    }
                    Matcher matcher = VERSION.matcher(reply.text());
                    if (!matcher.find()) {
                        failures.add(read.name() + " on " + instance.port() + ": unexpected body " + reply.text());
                        continue;
                    }
                    // one reader thread per instance: each list is written by one thread only
                    seen.computeIfAbsent(instance.port() + " " + read.name() + " of " + read.user(), key -> new CopyOnWriteArrayList<>())
                            .add(Integer.parseInt(matcher.group(1)));
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        }

        int count() {
            return seen.values().stream().mapToInt(List::size).sum();
        }

        void assertNoInstanceWentBack() {
            seen.forEach((who, versions) -> {
                for (int i = 1; i < versions.size(); i++) {
                    assertThat(versions.get(i)).as("%s: answer %d of %s went back from v%d", who, i, versions.size(),
                            versions.get(i - 1)).isGreaterThanOrEqualTo(versions.get(i - 1));
                }
            });
        }
    }
}
