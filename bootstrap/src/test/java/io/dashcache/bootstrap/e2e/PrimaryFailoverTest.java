package io.dashcache.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.bootstrap.Dashcache;
import io.dashcache.testsupport.TestRedisClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;

/**
 * A Redis primary dies (or freezes) while dashboards are read on two instances every 25 ms and engine
 * events keep coming. The primary is the one that holds the events stream, and the users whose data
 * the events change live on it too. Right after it dies the engine's data changes and its event is
 * sent, as an engine would, both ways: {@code POST /api/events} and XADD, each retried until accepted.
 * L1 lives one second, so reads reach L2 and the engine while Redis is away and see the new data
 * before the event could be recorded. Its replica takes over (or Redis thaws); meanwhile no read
 * fails, no instance ever shows a user's data older than what it showed before (not even once L2,
 * which still holds the pre-event value, is back), and every event's change becomes visible on both
 * instances, though value TTLs are long enough that only the event can have made it so. Subclasses
 * say which Redis (a cluster, a Sentinel setup, one server) and how its primary dies.
 */
abstract class PrimaryFailoverTest extends EndToEndTest {

    private static final Duration CONVERGED_WITHIN = Duration.ofSeconds(20);
    private static final int USERS = 4;
    private static final int ROUNDS_BEFORE = 2;
    private static final int ROUNDS_AFTER = 3;

    /** Whether {@code key} lives on the primary that {@link #killThatPrimary()} kills. */
    protected abstract boolean onDoomedPrimary(String key);

    /** Kills, as a crash, the primary that holds the events stream (or freezes it, to thaw by itself later). */
    protected abstract void killThatPrimary();

    /** Returns once a replica serves in the dead primary's place (or the frozen one serves again). */
    protected abstract void awaitFailover(Duration atMost);


    @Test
    void killing_the_primary_of_the_stream_and_the_users_fails_no_read_serves_nothing_stale_and_loses_no_event()
            throws Exception {
        // values live long in L2 (only an event can change what is read), L1 briefly (reads reach L2 and the engine)
        Map<String, String> longLived = Map.of("DASHCACHE_TTL_OVERVIEW", "600", "DASHCACHE_L1_TTL_SECONDS", "1",
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

        PollingReaders readers = new PollingReaders(List.of(a, b), reads, "failover-reader");
        readers.start();
        try (UnifiedJedis producer = TestRedisClients.open(redisUrl())) {
            for (int round = 0; round < ROUNDS_BEFORE; round++) {
                changeEveryUser(reads, version, producer);
                awaitEveryUserShows(List.of(a, b), reads, version);
            }

            int readsBefore = readers.count();
            long killed = System.nanoTime();
            killThatPrimary();
            // the engine's data changes at once, and its events are sent both ways, each retried until taken
            List<String> events = changeEveryUserInTheEngine(reads, version);
            for (String event : events) {
                postUntilAccepted(a, event);
            }
            long posted = System.nanoTime();
            for (String event : events) {
                publish(producer, event);
            }
            long added = System.nanoTime();
            awaitFailover(Duration.ofSeconds(30));
            awaitEveryUserShows(List.of(a, b), reads, version);
            long fresh = System.nanoTime();
            System.out.printf("failover (%s): %d reads while it lasted; POST /api/events accepted %d ms after the "
                            + "kill, the XADDs %d ms after it; every user fresh on both instances %d ms after the "
                            + "XADDs; %d reads went back%n", getClass().getSimpleName(),
                    readers.count() - readsBefore, (posted - killed) / 1_000_000, (added - killed) / 1_000_000,
                    (fresh - added) / 1_000_000, readers.backwardReads());

            for (int round = 1; round < ROUNDS_AFTER; round++) {
                changeEveryUser(reads, version, producer);
                awaitEveryUserShows(List.of(a, b), reads, version);
            }
        } finally {
            readers.stop();
        }

        assertThat(readers.failures()).as("reads that failed during the failover").isEmpty();
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
        for (String event : changeEveryUserInTheEngine(reads, version)) {
            publish(producer, event);
        }
    }

    /** @return the events that say so, one per user */
    private List<String> changeEveryUserInTheEngine(List<ApiRead> reads, int[] version) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            ApiRead read = reads.get(i);
            version[i]++;
            engine.answers(read.engine(), read.body("v" + version[i]));
            events.add(EngineEvents.detectionCreated(read.user()));
        }
        return events;
    }

    /** {@code POST /api/events} until a 2xx: 200 applied, 202 kept until Redis can record it. */
    private static void postUntilAccepted(Dashcache instance, String event) {
        await("the webhook accepts the event").atMost(CONVERGED_WITHIN).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> Api.post(instance, "/api/events", event).status() / 100 == 2);
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
}
