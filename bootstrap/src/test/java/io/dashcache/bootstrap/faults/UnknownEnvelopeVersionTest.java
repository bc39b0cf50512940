package io.dashcache.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.adapters.redis.EnvelopeCodec;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.UserId;
import io.dashcache.testsupport.RedisTestServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** A rolling upgrade: L2 holds entries in a format this instance does not know. They are misses, never errors. */
class UnknownEnvelopeVersionTest {

    private final String prefix = RedisTestServer.uniquePrefix();
    private EngineStub engine;
    private RunningInstance instance;

    @BeforeEach
    void start() {
        engine = new EngineStub();
        engine.answerEverything("{\"from\":\"engine\"}");
        instance = RunningInstance.start(Map.of(
                "DASHCACHE_REDIS_URL", RedisTestServer.url(),
                "DASHCACHE_ENGINE_URL", engine.url(),
                "DASHCACHE_KEY_PREFIX", prefix));
    }

    @AfterEach
    void stop() {
        instance.close();
        engine.close();
        RedisTestServer.deleteKeys(prefix);
    }

    private void store(String user, byte[] value) {
        String key = KeyFormat.standalone(prefix).valueKey(CacheKey.forUser(DataType.OVERVIEW, UserId.of(user)));
        try (RedisClient client = RedisClient.create(URI.create(RedisTestServer.url()))) {
            client.set(key.getBytes(StandardCharsets.UTF_8), value);
        }
    }

    /** A current envelope with its format-version byte overwritten. */
    private static byte[] envelope(byte version) {
        byte[] bytes = EnvelopeCodec.encode(CacheEntry.loaded("{\"from\":\"the future\"}".getBytes(StandardCharsets.UTF_8),
                Instant.now(), Duration.ofMinutes(5), Duration.ofMinutes(1), 0));
        bytes[1] = version;
        return bytes;
    }

    @Test
    void an_entry_in_a_newer_envelope_version_reads_as_a_miss_from_the_engine() {
        store("upgraded", envelope((byte) 99));

        HttpResponse<byte[]> response = instance.get("/api/dashboard/overview", "X-User-Id", "upgraded");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RunningInstance.xCache(response)).isEqualTo("MISS");
        assertThat(RunningInstance.text(response)).isEqualTo("{\"from\":\"engine\"}");
    }

    @Test
    void the_same_entry_in_the_known_version_is_an_l2_hit_so_the_miss_above_is_the_version_alone() {
        store("current", EnvelopeCodec.encode(CacheEntry.loaded("{\"from\":\"the future\"}".getBytes(StandardCharsets.UTF_8),
                Instant.now(), Duration.ofMinutes(5), Duration.ofMinutes(1), 0)));

        HttpResponse<byte[]> response = instance.get("/api/dashboard/overview", "X-User-Id", "current");

        assertThat(RunningInstance.xCache(response)).isEqualTo("L2_HIT");
        assertThat(RunningInstance.text(response)).isEqualTo("{\"from\":\"the future\"}");
    }

    @Test
    void garbage_and_a_java_serialized_object_under_a_key_are_misses_too() {
        store("garbage", "not an envelope at all".getBytes(StandardCharsets.UTF_8));
        store("serialized", new byte[] {(byte) 0xAC, (byte) 0xED, 0x00, 0x05, 0x73, 0x72});

        for (String user : new String[] {"garbage", "serialized"}) {
            HttpResponse<byte[]> response = instance.get("/api/dashboard/overview", "X-User-Id", user);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(RunningInstance.xCache(response)).isEqualTo("MISS");
        }
    }
}
