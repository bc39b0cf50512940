package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dashcache.application.port.in.invalidation.ReceiveInvalidation;
import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.port.out.reading.SharedCacheTier.SharedRead;
import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.application.port.out.reading.SharedCacheTierContract;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.Period;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import io.dashcache.testsupport.RedisTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

class RedisSharedTierTest extends SharedCacheTierContract {

    private final String prefix = RedisTestServer.uniquePrefix();
    private final KeyFormat keys = KeyFormat.standalone(prefix);

    @Override
    protected SharedCacheTier newTier() {
        return new RedisSharedTier(TestRedis.connector().client(), keys);
    }

    @AfterEach
    void deleteKeys() {
        RedisTestServer.deleteKeys(prefix);
    }

    @Test
    void on_one_server_the_broadcast_rides_in_the_bumps_round_trip_and_is_heard_after_them() {
        Scope scope = Scope.ofUser(DataType.OVERVIEW, UserId.of("alice"));
        List<Long> versionsSeenOnHearing = new CopyOnWriteArrayList<>();
        List<InvalidationMessage> heard = new CopyOnWriteArrayList<>();
        ReceiveInvalidation listener = new ReceiveInvalidation() {
            @Override
            public void onInvalidation(InvalidationMessage message) {
                versionsSeenOnHearing.add(tier.read(ALICE_OVERVIEW).scopeVersion());
                heard.add(message);
            }

            @Override
            public void onConnectionLost() {
            }

            @Override
            public void onConnectionRestored() {
            }
        };
        try (RedisInvalidationBroadcast broadcast = new RedisInvalidationBroadcast(TestRedis.connector(), keys, "b")) {
            broadcast.start(listener);
            await().atMost(Duration.ofSeconds(20)).until(broadcast::isSubscribed);

            boolean sent = tier.bumpVersionsAndBroadcast(Set.of(scope),
                    InvalidationMessage.ofScopes("a", Set.of(scope),
                            "e-1", null, null));

            assertThat(sent).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> heard.size() == 1);
            assertThat(heard.get(0).scopes()).containsExactly(scope);
            assertThat(heard.get(0).eventId()).isEqualTo("e-1");
            assertThat(versionsSeenOnHearing).containsExactly(1L);
        }
    }

    @Test
    void a_2_mib_compressible_answer_weighs_less_than_the_default_limit_and_is_stored_compressed() {
        io.dashcache.domain.CacheEntry large = io.dashcache.domain.CacheEntry.loaded(
                EnvelopeCodecTest.dashboardJson(2 * 1024 * 1024), java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), Duration.ofSeconds(60),
                Duration.ofSeconds(10), 0);
        long limit = io.dashcache.application.engine.ReadPathSettings.DEFAULT_MAX_VALUE_BYTES;

        long weighs = tier.storedBytes(large);
        boolean stored = tier.writeIfVersion(ALICE_OVERVIEW, large, Duration.ofSeconds(60));

        assertThat(large.payload().length).isGreaterThan((int) limit); // skipped before compression
        assertThat(weighs).isLessThan(limit);
        assertThat(stored).isTrue();
        try (Jedis redis = TestRedis.admin()) {
            assertThat(redis.strlen(keys.valueKey(ALICE_OVERVIEW))).isEqualTo(weighs);
        }
        SharedRead read = tier.read(ALICE_OVERVIEW);
        assertThat(read.entry()).isEqualTo(large);
    }

    @Test
    void a_tier_that_never_compresses_weighs_the_whole_envelope() {
        SharedCacheTier verbatim = new RedisSharedTier(TestRedis.connector().client(), keys,
                RedisSharedTier.DEFAULT_VERSION_TTL, ReplicaAcks.none(), Integer.MAX_VALUE);
        io.dashcache.domain.CacheEntry large = io.dashcache.domain.CacheEntry.loaded(
                EnvelopeCodecTest.dashboardJson(100_000), java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), Duration.ofSeconds(60),
                Duration.ofSeconds(10), 0);

        assertThat(verbatim.storedBytes(large)).isGreaterThan(large.payload().length);
        assertThat(verbatim.writeIfVersion(ALICE_OVERVIEW, large, Duration.ofSeconds(60))).isTrue();
        assertThat(tier.read(ALICE_OVERVIEW).entry()).isEqualTo(large);
    }

    @Test
    void the_ttl_redis_reports_for_a_value_is_at_most_the_ttl_given() {
        tier.writeIfVersion(ALICE_OVERVIEW, entry("{}", 0), Duration.ofSeconds(5));

        try (Jedis redis = TestRedis.admin()) {
            assertThat(redis.pttl(keys.valueKey(ALICE_OVERVIEW))).isBetween(1L, 5_000L);
        }
    }

    @Test
    void a_bumped_version_key_carries_a_ttl() {
        SharedCacheTier shortVersions = new RedisSharedTier(TestRedis.connector().client(), keys, Duration.ofHours(1));

        shortVersions.bumpVersions(List.of(ALICE_OVERVIEW.scope()));

        try (Jedis redis = TestRedis.admin()) {
            assertThat(redis.pttl(keys.versionKey(ALICE_OVERVIEW.scope())))
                    .isBetween(Duration.ofHours(1).minusSeconds(5).toMillis(), Duration.ofHours(1).toMillis());
        }
    }

    @Test
    void a_write_extends_its_version_so_the_version_outlives_the_value() {
        SharedCacheTier shortVersions = new RedisSharedTier(TestRedis.connector().client(), keys, Duration.ofSeconds(10));
        long version = shortVersions.bumpVersions(List.of(ALICE_OVERVIEW.scope())).get(ALICE_OVERVIEW.scope());
        String versionKey = keys.versionKey(ALICE_OVERVIEW.scope());
        try (Jedis redis = TestRedis.admin()) {
            redis.pexpire(versionKey, 500);

            shortVersions.writeIfVersion(ALICE_OVERVIEW, entry("{}", version), Duration.ofSeconds(60));

            assertThat(redis.pttl(versionKey)).isGreaterThanOrEqualTo(redis.pttl(keys.valueKey(ALICE_OVERVIEW)));
        }
    }

    @Test
    void a_write_under_version_zero_creates_no_version_key() {
        tier.writeIfVersion(ALICE_OVERVIEW, entry("{}", 0), TTL);

        try (Jedis redis = TestRedis.admin()) {
            assertThat(redis.exists(keys.versionKey(ALICE_OVERVIEW.scope()))).isFalse();
        }
    }

    @Test
    void a_corrupt_value_in_redis_reads_as_a_miss() {
        try (Jedis redis = TestRedis.admin()) {
            redis.set(keys.valueKey(ALICE_OVERVIEW), "{\"written\":\"by something else\"}");
        }

        SharedRead read = tier.read(ALICE_OVERVIEW);

        assertThat(read.entry()).isNull();
        assertThat(read.scopeVersion()).isZero();
    }

    @Test
    void a_ttl_that_is_not_positive_stores_nothing() {
        assertThat(tier.writeIfVersion(ALICE_OVERVIEW, entry("{}", 0), Duration.ZERO)).isFalse();

        assertThat(tier.read(ALICE_OVERVIEW).entry()).isNull();
    }

    @Test
    void deleting_everything_leaves_the_prefixs_other_structures_alone() {
        tier.writeIfVersion(ALICE_OVERVIEW, entry("{}", 0), TTL);
        String stream = keys.name("events");
        try (Jedis redis = TestRedis.admin()) {
            redis.set(stream, "not a cache value");

            assertThat(tier.deleteEverything()).isEqualTo(1);

            assertThat(redis.exists(stream)).isTrue();
        }
    }

    @Test
    void an_unreachable_redis_fails_with_the_operation_named_and_no_password() {
        try (RedisConnector dead = new RedisConnector(
                RedisSettings.of("redis://ops:s3cret@127.0.0.1:" + TestRedis.freePort()))) {
            SharedCacheTier unreachable = new RedisSharedTier(dead.client(), keys);

            assertThatThrownBy(() -> unreachable.read(ALICE_OVERVIEW))
                    .isInstanceOf(CacheTierUnavailableException.class)
                    .hasMessageContaining("read of overview:user:alice")
                    .hasMessageNotContaining("s3cret");
            assertThatThrownBy(() -> unreachable.writeIfVersion(ALICE_OVERVIEW, entry("{}", 0), TTL))
                    .isInstanceOf(CacheTierUnavailableException.class)
                    .hasMessageContaining("write of overview:user:alice");
            assertThatThrownBy(() -> unreachable.bumpVersions(List.of(ALICE_OVERVIEW.scope())))
                    .isInstanceOf(CacheTierUnavailableException.class)
                    .hasMessageContaining("version bump");
            assertThatThrownBy(() -> unreachable.deleteType(DataType.OVERVIEW))
                    .isInstanceOf(CacheTierUnavailableException.class)
                    .hasMessageContaining("delete of type overview");
        }
    }

    @Test
    void no_source_file_of_the_adapter_sends_keys() throws IOException {
        // Jedis's keys(...), the command by name, or KEYS inside a Lua script
        Pattern keysCommand = Pattern.compile("\\.keys\\s*\\(|\"KEYS\"|Command\\.KEYS|(?i:call\\(\\s*['\"]keys['\"])");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            List<Path> offenders = sources.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> keysCommand.matcher(read(path)).find())
                    .toList();

            assertThat(offenders).isEmpty();
        }
        assertThat(Stream.of("redis.keys(\"dash:*\")", "redis.call('KEYS', ARGV[1])", "Command.KEYS"))
                .as("the pattern finds what it looks for")
                .allMatch(code -> keysCommand.matcher(code).find());
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole contract again with Redis Cluster hash tags in the keys. */
    @Nested
    class WithClusterHashTags extends SharedCacheTierContract {

        private final KeyFormat tagged = new KeyFormat(prefix, true);

        @Override
        protected SharedCacheTier newTier() {
            return new RedisSharedTier(TestRedis.connector().client(), tagged);
        }

        @Test
        void a_value_and_its_scope_version_share_a_hash_slot() {
            CacheKey weekly = CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_WEEK);

            assertThat(JedisClusterCRC16.getSlot(tagged.valueKey(ALICE_OVERVIEW)))
                    .isEqualTo(JedisClusterCRC16.getSlot(tagged.versionKey(ALICE_OVERVIEW.scope())));
            assertThat(JedisClusterCRC16.getSlot(tagged.valueKey(weekly)))
                    .isEqualTo(JedisClusterCRC16.getSlot(tagged.versionKey(Scope.global(DataType.ANALYTICS))));
        }
    }
}
