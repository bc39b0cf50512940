package io.dashcache.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.bootstrap.Dashcache;
import io.dashcache.testsupport.SharedRedisCluster;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/** The read path on a real Redis Cluster: keys with hash tags, spread over every primary, and one slot per scope. */
class ReadPathOnClusterTest extends EndToEndTest {

    @Override
    protected String redisUrl() {
        return SharedRedisCluster.url();
    }

    @Test
    void every_read_is_a_miss_then_an_l1_hit_and_another_instance_takes_it_from_l2() {
        Dashcache a = instances.start("instance-a");
        Dashcache b = instances.start("instance-b");

        for (ApiRead read : ApiRead.nine("42")) {
            engine.answers(read.engine(), read.body("v1"));
            assertThat(Api.get(a, read).cache()).as(read.name()).isEqualTo("MISS");
            Reply again = Api.get(a, read);
            assertThat(again.cache()).as(read.name()).isEqualTo("L1_HIT");
            assertThat(again.text()).isEqualTo(read.body("v1"));
            Reply onB = Api.get(b, read);
            assertThat(onB.cache()).as(read.name() + " on the other instance").isEqualTo("L2_HIT");
            assertThat(onB.text()).isEqualTo(read.body("v1"));
            assertThat(onB.etag()).isEqualTo(again.etag());
            assertThat(engine.requestsFor(read.engine())).as(read.name()).hasSize(1);
        }
        Api.post(a, "/api/events", EngineEvents.detectionCreated("42"));
        assertThat(Api.get(a, "/metrics", "42").text())
                .as("every bump confirmed by a replica on a healthy cluster")
                .contains("dashcache_redis_unreplicated_bumps_total 0.0");
    }

    @Test
    void keys_carry_hash_tags_so_a_users_values_and_versions_share_one_slot_and_users_spread_over_every_primary() {
        Dashcache a = instances.start("instance-a");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            users.add("user-" + i);
        }
        for (String user : users) {
            ApiRead overview = ApiRead.overview(user);
            engine.answers(overview.engine(), overview.body("v1"));
            assertThat(Api.get(a, overview).status()).isEqualTo(200);
        }
        ApiRead analytics = ApiRead.analytics("7d");
        engine.answers(analytics.engine(), analytics.body("v1"));
        Api.get(a, analytics);
        Api.post(a, "/api/events", EngineEvents.detectionCreated("user-0"));

        assertThat(instances.redis().scan(instances.key("overview:user:*")))
                .hasSize(users.size())
                .allSatisfy(key -> assertThat(key).matches(".*:overview:user:\\{user-[0-9]+}"));
        assertThat(instances.redis().scan(instances.key("analytics:*"))).containsExactly(
                instances.key("analytics:7d:{analytics}"));
        assertThat(JedisClusterCRC16.getSlot(instances.key("overview:user:{user-0}")))
                .isEqualTo(JedisClusterCRC16.getSlot(instances.key("version:overview:user:{user-0}")));
        assertThat(instances.redis().scan(instances.key("version:overview:user:*")))
                .contains(instances.key("version:overview:user:{user-0}"));
        Set<Integer> primaries = new HashSet<>();
        for (String user : users) {
            primaries.add(SharedRedisCluster.cluster().primaryPortForKey(instances.key("overview:user:{" + user + "}")));
        }
        assertThat(primaries).as("primaries holding the 30 overviews").hasSize(3);
    }

    @Test
    void an_operator_invalidation_of_a_type_reaches_the_values_on_every_primary() {
        Dashcache a = instances.start("instance-a");
        Dashcache b = instances.start("instance-b");
        instances.awaitSubscribed(2);
        List<ApiRead> overviews = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ApiRead overview = ApiRead.overview("user-" + i);
            engine.answers(overview.engine(), overview.body("old"));
            Api.get(a, overview);
            assertThat(Api.get(b, overview).cache()).isEqualTo("L2_HIT");
            engine.answers(overview.engine(), overview.body("new"));
            overviews.add(overview);
        }

        Reply invalidated = Api.post(a, "/api/cache/invalidate", "{\"type\":\"overview\"}");

        assertThat(invalidated.status()).as("%s", invalidated).isEqualTo(200);
        assertThat(invalidated.json().path("keysDeleted").asLong()).isEqualTo(20);
        assertThat(instances.redis().scan(instances.key("overview:user:*"))).isEmpty();
        for (ApiRead overview : overviews) {
            for (Dashcache instance : List.of(a, b)) {
                assertThat(Api.get(instance, overview).text()).as(overview.name()).isEqualTo(overview.body("new"));
            }
        }
    }
}
