package io.dashcache.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.testsupport.RedisTestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code DASHCACHE_AUTH=jwt} end to end: no header, parameter or token trick reads another user's cached data. */
class JwtIsolationTest {

    private static final String SECRET = "an-hs256-secret-for-the-isolation-test-0123456789";

    private final String prefix = RedisTestServer.uniquePrefix();
    private EngineStub engine;
    private RunningInstance instance;

    @BeforeEach
    void start() {
        engine = new EngineStub();
        engine.answerUser("alice", "{\"owner\":\"alice\",\"secret\":\"alice-only\"}");
        engine.answerUser("bob", "{\"owner\":\"bob\"}");
        instance = RunningInstance.start(Map.of(
                "DASHCACHE_REDIS_URL", RedisTestServer.url(),
                "DASHCACHE_ENGINE_URL", engine.url(),
                "DASHCACHE_KEY_PREFIX", prefix,
                "DASHCACHE_AUTH", "jwt",
                "DASHCACHE_JWT_SECRET", SECRET));
    }

    @AfterEach
    void stop() {
        instance.close();
        engine.close();
        RedisTestServer.deleteKeys(prefix);
    }

    private static String bearer(String subject, String scope) {
        return Hs256Tokens.bearer(SECRET, subject, scope);
    }

    @Test
    void bobs_token_never_gets_alices_cached_overview_whatever_he_sends() {
        String alice = bearer("alice", null);
        HttpResponse<byte[]> first = instance.get("/api/dashboard/overview", "Authorization", alice);
        HttpResponse<byte[]> cached = instance.get("/api/dashboard/overview", "Authorization", alice);
        assertThat(RunningInstance.text(first)).contains("alice-only");
        assertThat(RunningInstance.xCache(cached)).isEqualTo("L1_HIT");

        String bob = bearer("bob", null);
        List<HttpResponse<byte[]>> attempts = List.of(
                instance.get("/api/dashboard/overview", "Authorization", bob),
                instance.get("/api/dashboard/overview", "Authorization", bob, "X-User-Id", "alice"),
                instance.get("/api/dashboard/overview?userId=alice", "Authorization", bob),
                instance.get("/api/dashboard/overview?userId=alice&user=alice", "Authorization", bob,
                        "X-User-Id", "alice", "X-Forwarded-User", "alice"),
                instance.get("/api/dashboard/overview", "Authorization", bob + " " + alice.substring(7)),
                instance.get("/api/dashboard/overview", "Authorization", "Bearer " + alice.substring(7, alice.lastIndexOf('.'))
                        + bob.substring(bob.lastIndexOf('.'))),
                instance.get("/api/dashboard/overview", "X-User-Id", "alice"));

        for (HttpResponse<byte[]> attempt : attempts) {
            assertThat(RunningInstance.text(attempt)).doesNotContain("alice-only");
            assertThat(attempt.statusCode()).isIn(200, 401);
        }
        assertThat(RunningInstance.text(attempts.get(1))).contains("\"owner\":\"bob\"");
        assertThat(attempts.get(6).statusCode()).isEqualTo(401);
        assertThat(attempts.get(6).headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void only_an_admin_token_may_invalidate() {
        assertThat(instance.post("/api/cache/invalidate", "{\"userId\":\"alice\"}",
                "Authorization", bearer("bob", "read")).statusCode()).isEqualTo(403);
        assertThat(instance.post("/api/cache/invalidate", "{\"userId\":\"alice\"}").statusCode()).isEqualTo(401);
        assertThat(instance.post("/api/cache/invalidate", "{\"userId\":\"alice\"}",
                "Authorization", bearer("ops", "admin")).statusCode()).isEqualTo(200);
    }
}
