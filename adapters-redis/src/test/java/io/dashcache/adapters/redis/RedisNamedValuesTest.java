package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.application.port.out.NamedValueStore;
import io.dashcache.application.port.out.NamedValueStore.NamedRead;
import io.dashcache.domain.KeyFormat;
import io.dashcache.testsupport.RedisTestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

class RedisNamedValuesTest {

    private static final Duration TTL = Duration.ofMinutes(1);
    private final String prefix = RedisTestServer.uniquePrefix();
    private final KeyFormat keys = KeyFormat.standalone(prefix);
    private final NamedValueStore store = new RedisNamedValues(TestRedis.connector().client(), keys);

    @AfterEach
    void deleteKeys() {
        RedisTestServer.deleteKeys(prefix);
    }

    @Test
    void a_value_written_under_the_current_version_reads_back() {
        NamedRead miss = store.read("orders", "order 17");

        assertThat(store.writeIfVersion("orders", "order 17", bytes("{\"id\":17}"), miss.version(), TTL)).isTrue();
        assertThat(store.read("orders", "order 17").value()).isEqualTo(bytes("{\"id\":17}"));
        assertThat(miss.value()).isNull();
    }

    @Test
    void a_load_overtaken_by_a_clear_stores_nothing() {
        NamedRead before = store.read("orders", "k");

        store.bumpVersion("orders");

        assertThat(store.writeIfVersion("orders", "k", bytes("old"), before.version(), TTL)).isFalse();
        assertThat(store.read("orders", "k").value()).isNull();
    }

    @Test
    void a_clear_makes_every_stored_value_unreadable_and_a_put_after_it_reads_back() {
        store.put("orders", "a", bytes("A"), TTL);
        store.put("orders", "b", bytes("B"), TTL);
        store.put("other", "a", bytes("other A"), TTL);

        store.bumpVersion("orders");
        store.put("orders", "b", bytes("B2"), TTL);

        assertThat(store.read("orders", "a").value()).isNull();
        assertThat(store.read("orders", "b").value()).isEqualTo(bytes("B2"));
        assertThat(store.read("other", "a").value()).isEqualTo(bytes("other A"));
    }

    @Test
    void a_deleted_value_is_gone() {
        store.put("orders", "a", bytes("A"), TTL);

        store.delete("orders", "a");

        assertThat(store.read("orders", "a").value()).isNull();
    }

    @Test
    void application_keys_never_reach_redis_as_text() {
        store.put("orders", "../* evil {key}\n", bytes("A"), TTL);
        store.bumpVersion("orders");

        Set<String> names = new HashSet<>();
        try (Jedis redis = TestRedis.admin()) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = redis.scan(cursor, new ScanParams().match(prefix + ":*").count(100));
                names.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        assertThat(names).hasSize(2).allSatisfy(name -> assertThat(name).doesNotContain("evil").doesNotContain("\n"));
        assertThat(names).contains(keys.namedVersionKey("orders"), keys.namedValueKey("orders", "../* evil {key}\n"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
