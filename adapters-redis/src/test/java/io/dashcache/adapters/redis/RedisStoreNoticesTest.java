package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.application.port.out.reading.StoreNotices.Watch;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import io.dashcache.testsupport.RedisTestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The compare-and-set announces what it stored, and the watchers of that key (only those) hear it. */
class RedisStoreNoticesTest {

    private static final CacheKey ALICE = CacheKey.forUser(DataType.OVERVIEW, UserId.of("alice"));
    private static final CacheKey BOB = CacheKey.forUser(DataType.OVERVIEW, UserId.of("bob"));
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final String prefix = RedisTestServer.uniquePrefix();
    private final KeyFormat keys = KeyFormat.standalone(prefix);
    private final RedisSharedTier announcing = new RedisSharedTier(TestRedis.connector().client(), keys,
            RedisSharedTier.DEFAULT_VERSION_TTL, ReplicaAcks.none(), EnvelopeCodec.DEFAULT_COMPRESS_ABOVE, true);
    private final RedisStoreNotices notices = new RedisStoreNotices(TestRedis.connector(), keys, "instance-1");

    @BeforeEach
    void subscribe() {
        notices.start();
        await().atMost(PATIENCE).until(notices::isSubscribed);
    }

    @AfterEach
    void stop() {
        notices.close();
        RedisTestServer.deleteKeys(prefix);
    }

    private static CacheEntry entry(long version) {
        return CacheEntry.loaded("{}".getBytes(StandardCharsets.UTF_8), Instant.now(), Duration.ofMinutes(1),
                Duration.ZERO, version, Duration.ZERO);
    }

    @Test
    void a_watcher_of_a_key_hears_each_store_of_it_and_no_other() {
        AtomicInteger alice = new AtomicInteger();
        AtomicInteger bob = new AtomicInteger();
        notices.watch(ALICE, PATIENCE, alice::incrementAndGet);
        notices.watch(BOB, PATIENCE, bob::incrementAndGet);

        assertThat(announcing.writeIfVersion(ALICE, entry(0), Duration.ofMinutes(1))).isTrue();

        await().atMost(PATIENCE).until(() -> alice.get() == 1);
        assertThat(announcing.writeIfVersion(ALICE, entry(0), Duration.ofMinutes(1))).isTrue();
        await().atMost(PATIENCE).until(() -> alice.get() == 2);
        assertThat(bob.get()).isZero();
    }

    @Test
    void a_store_refused_by_the_compare_and_set_is_not_announced() {
        AtomicInteger heard = new AtomicInteger();
        AtomicInteger marker = new AtomicInteger();
        notices.watch(ALICE, PATIENCE, heard::incrementAndGet);
        notices.watch(BOB, PATIENCE, marker::incrementAndGet);
        announcing.bumpVersions(Set.of(Scope.ofUser(DataType.OVERVIEW, UserId.of("alice"))));

        assertThat(announcing.writeIfVersion(ALICE, entry(0), Duration.ofMinutes(1))).as("version moved").isFalse();
        assertThat(announcing.writeIfVersion(BOB, entry(0), Duration.ofMinutes(1))).isTrue();

        // notices come in order on one channel: once Bob's is heard, Alice's would have been
        await().atMost(PATIENCE).until(() -> marker.get() == 1);
        assertThat(heard.get()).isZero();
    }

    @Test
    void a_cancelled_watch_hears_nothing_and_is_forgotten() {
        AtomicInteger heard = new AtomicInteger();
        AtomicInteger marker = new AtomicInteger();
        Watch watch = notices.watch(ALICE, PATIENCE, heard::incrementAndGet);
        notices.watch(BOB, PATIENCE, marker::incrementAndGet);
        watch.cancel();
        watch.cancel();

        announcing.writeIfVersion(ALICE, entry(0), Duration.ofMinutes(1));
        announcing.writeIfVersion(BOB, entry(0), Duration.ofMinutes(1));

        await().atMost(PATIENCE).until(() -> marker.get() == 1);
        assertThat(heard.get()).isZero();
        assertThat(notices.watchedKeys()).isEqualTo(1);
    }

    @Test
    void a_watch_past_its_time_is_not_called() {
        AtomicInteger heard = new AtomicInteger();
        AtomicInteger marker = new AtomicInteger();
        notices.watch(ALICE, Duration.ofNanos(1), heard::incrementAndGet);
        notices.watch(BOB, PATIENCE, marker::incrementAndGet);

        announcing.writeIfVersion(ALICE, entry(0), Duration.ofMinutes(1));
        announcing.writeIfVersion(BOB, entry(0), Duration.ofMinutes(1));

        await().atMost(PATIENCE).until(() -> marker.get() == 1);
        assertThat(heard.get()).isZero();
    }

    @Test
    void a_tier_that_does_not_announce_stores_as_before() {
        AtomicInteger heard = new AtomicInteger();
        AtomicInteger marker = new AtomicInteger();
        notices.watch(ALICE, PATIENCE, heard::incrementAndGet);
        notices.watch(BOB, PATIENCE, marker::incrementAndGet);
        RedisSharedTier silent = new RedisSharedTier(TestRedis.connector().client(), keys);

        assertThat(silent.writeIfVersion(ALICE, entry(0), Duration.ofMinutes(1))).isTrue();
        announcing.writeIfVersion(BOB, entry(0), Duration.ofMinutes(1));

        await().atMost(PATIENCE).until(() -> marker.get() == 1);
        assertThat(heard.get()).isZero();
        assertThat(silent.read(ALICE).holdsValue()).isTrue();
    }
}
