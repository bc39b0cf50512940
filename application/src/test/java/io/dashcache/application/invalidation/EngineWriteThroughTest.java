package io.dashcache.application.invalidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.application.engine.CacheInvalidator;
import io.dashcache.application.engine.LocalFillGuard;
import io.dashcache.application.port.messages.EngineReply;
import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.application.port.out.invalidation.EngineCommands;
import io.dashcache.application.port.out.reading.SourceUnavailableException;
import io.dashcache.application.testing.InMemoryLocalTier;
import io.dashcache.application.testing.InMemorySharedTier;
import io.dashcache.application.testing.RecordedInvalidations;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EngineWriteThroughTest {

    private static final UserId U42 = UserId.of("42");
    private static final byte[] BODY = "{\"theme\":\"dark\"}".getBytes(StandardCharsets.UTF_8);
    private static final CacheKey PREFERENCES_42 = CacheKey.forUser(DataType.USER_PREFERENCES, U42);
    private static final CacheKey HEATMAP_42 = CacheKey.widget(U42, WidgetType.of("heatmap"));
    private static final CacheKey OVERVIEW_42 = CacheKey.forUser(DataType.OVERVIEW, U42);
    private static final CacheKey RECENT_42 = CacheKey.forUser(DataType.RECENT_ACTIVITY, U42);
    private static final CacheKey NOTIFICATIONS_42 = CacheKey.forUser(DataType.NOTIFICATIONS, U42);
    private static final CacheKey OVERVIEW_7 = CacheKey.forUser(DataType.OVERVIEW, UserId.of("7"));
    private static final List<CacheKey> ALL_KEYS =
            List.of(PREFERENCES_42, HEATMAP_42, OVERVIEW_42, RECENT_42, NOTIFICATIONS_42, OVERVIEW_7);

    private final InMemoryLocalTier l1 = new InMemoryLocalTier();
    private final InMemorySharedTier l2 = new InMemorySharedTier();
    private final List<InvalidationMessage> published = new CopyOnWriteArrayList<>();
    private final ScriptedEngine engine = new ScriptedEngine();
    private final EngineWriteThrough writes = new EngineWriteThrough(engine,
            new CacheInvalidator(l1, l2, published::add, new LocalFillGuard(), new RecordedInvalidations(), "instance-a"));

    /** An engine write side that answers a fixed reply (or fails) and remembers what it was sent. */
    private static final class ScriptedEngine implements EngineCommands {
        final List<String> calls = new ArrayList<>();
        final List<byte[]> bodies = new ArrayList<>();
        EngineReply reply = new EngineReply(200, "{}".getBytes(StandardCharsets.UTF_8));
        RuntimeException failure;

        @Override
        public EngineReply putPreferences(UserId user, byte[] json) {
            return answer("put " + user, json);
        }

        @Override
        public EngineReply submitAnalyses(UserId user, byte[] json, boolean batch) {
            return answer((batch ? "batch " : "submit ") + user, json);
        }

        private EngineReply answer(String call, byte[] json) {
            calls.add(call);
            bodies.add(json);
            if (failure != null) {
                throw failure;
            }
            return reply;
        }
    }

    @BeforeEach
    void cacheEveryKeyInL1() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        for (CacheKey key : ALL_KEYS) {
            l1.put(key, CacheEntry.loaded(BODY, now, Duration.ofMinutes(5), Duration.ofMinutes(1), 0));
        }
    }

    private List<CacheKey> inL1() {
        return ALL_KEYS.stream().filter(key -> l1.getIfPresent(key) != null).toList();
    }

    private void assertNothingInvalidated() {
        assertThat(inL1()).containsExactlyElementsOf(ALL_KEYS);
        assertThat(ALL_KEYS).allSatisfy(key -> assertThat(l2.version(key.scope())).isZero());
        assertThat(published).isEmpty();
    }

    @ParameterizedTest(name = "engine answers {0}")
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void accepted_preferences_make_the_users_preferences_and_widgets_stale(int status) {
        engine.reply = new EngineReply(status, "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));

        EngineReply reply = writes.update(U42, BODY);

        assertThat(reply).isSameAs(engine.reply);
        assertThat(engine.calls).containsExactly("put 42");
        assertThat(engine.bodies.get(0)).isEqualTo(BODY);
        assertThat(l2.version(PREFERENCES_42.scope())).isEqualTo(1);
        assertThat(l2.version(HEATMAP_42.scope())).isEqualTo(1);
        assertThat(l2.version(OVERVIEW_42.scope())).isZero();
        assertThat(inL1()).containsExactly(OVERVIEW_42, RECENT_42, NOTIFICATIONS_42, OVERVIEW_7);
        assertThat(published).containsExactly(InvalidationMessage.ofScopes("instance-a",
                Set.of(Scope.ofUser(DataType.USER_PREFERENCES, U42), Scope.ofUser(DataType.WIDGET_DATA, U42))));
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(booleans = {false, true})
    void an_accepted_submission_makes_the_users_overview_and_recent_activity_stale(boolean batch) {
        engine.reply = new EngineReply(202, "{\"analysisId\":\"a-1\"}".getBytes(StandardCharsets.UTF_8));

        EngineReply reply = writes.submit(U42, BODY, batch);

        assertThat(reply).isSameAs(engine.reply);
        assertThat(engine.calls).containsExactly((batch ? "batch " : "submit ") + "42");
        assertThat(l2.version(OVERVIEW_42.scope())).isEqualTo(1);
        assertThat(l2.version(RECENT_42.scope())).isEqualTo(1);
        assertThat(l2.version(OVERVIEW_7.scope())).isZero();
        assertThat(l2.version(PREFERENCES_42.scope())).isZero();
        assertThat(inL1()).containsExactly(PREFERENCES_42, HEATMAP_42, NOTIFICATIONS_42, OVERVIEW_7);
    }

    @ParameterizedTest(name = "engine answers {0}")
    @ValueSource(ints = {100, 199, 300, 304, 400, 401, 404, 409, 422, 499})
    void a_refused_write_invalidates_nothing_and_the_engines_reply_is_passed_back(int status) {
        engine.reply = new EngineReply(status, "{\"error\":\"no\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(writes.update(U42, BODY)).isSameAs(engine.reply);
        assertThat(writes.submit(U42, BODY, false)).isSameAs(engine.reply);
        assertThat(writes.submit(U42, BODY, true)).isSameAs(engine.reply);

        assertNothingInvalidated();
    }

    @Test
    void a_failing_engine_reaches_the_caller_and_invalidates_nothing() {
        engine.failure = new SourceUnavailableException(SourceUnavailableException.Reason.TIMEOUT, "slow (test)");

        assertThatThrownBy(() -> writes.update(U42, BODY)).isSameAs(engine.failure);
        assertThatThrownBy(() -> writes.submit(U42, BODY, true)).isSameAs(engine.failure);

        assertNothingInvalidated();
    }

    @Test
    void with_l2_down_an_accepted_write_still_answers_and_drops_l1() {
        l2.goDown();

        EngineReply preferences = writes.update(U42, BODY);
        EngineReply submission = writes.submit(U42, BODY, false);

        assertThat(preferences).isSameAs(engine.reply);
        assertThat(submission).isSameAs(engine.reply);
        assertThat(inL1()).containsExactly(NOTIFICATIONS_42, OVERVIEW_7);
        assertThat(published).hasSize(2);
    }
}
