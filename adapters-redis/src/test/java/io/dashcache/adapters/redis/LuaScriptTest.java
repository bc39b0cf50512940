package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.testsupport.RedisTestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class LuaScriptTest {

    @Test
    void a_script_redis_has_not_seen_runs_through_eval_and_is_cached_by_its_sha() {
        // a script no server has cached: the comment makes its SHA unique to this run
        LuaScript script = new LuaScript("-- " + RedisTestServer.uniquePrefix() + "\nreturn ARGV[1]");
        try (Jedis admin = TestRedis.admin()) {
            assertThat(admin.scriptExists(script.sha1())).isFalse();

            Object answer = script.run(TestRedis.connector().client(), List.of(), List.of("hi".getBytes(StandardCharsets.UTF_8)));

            assertThat(answer).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
            assertThat(admin.scriptExists(script.sha1())).isTrue();
            assertThat(script.run(TestRedis.connector().client(), List.of(), List.of(new byte[] {'x'})))
                    .isEqualTo(new byte[] {'x'});
        }
    }
}
