package io.dashcache.application.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.application.port.in.invalidation.InvalidationRequest;
import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.application.port.out.invalidation.InvalidationBroadcast;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.testing.InMemoryLocalTier;
import io.dashcache.application.testing.InMemorySharedTier;
import io.dashcache.application.testing.RecordedInvalidations;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The invalidation listener (the change feed) hears of each invalidation exactly once. */
class CacheInvalidatorListenerTest {

    private static final String ME = "instance-a";
    private static final Scope OVERVIEW_42 = Scope.ofUser(DataType.OVERVIEW, UserId.of("42"));

    private final List<InvalidationMessage> published = new CopyOnWriteArrayList<>();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final InvalidationListener listener = new InvalidationListener() {
        @Override
        public void invalidated(InvalidationMessage message) {
            heard.add(message.origin() + " " + message.scopes() + " " + message.types() + " " + message.everything()
                    + " " + message.eventId());
        }

        @Override
        public void invalidationsMayHaveBeenMissed() {
            heard.add("missed");
        }
    };

    private CacheInvalidator invalidator(InvalidationBroadcast broadcast, InvalidationListener listener) {
        return new CacheInvalidator(new InMemoryLocalTier(), new InMemorySharedTier(), broadcast,
                new LocalFillGuard(), new RecordedInvalidations(), ME, listener);
    }

    @Test
    void an_invalidation_applied_here_is_heard_at_once_with_its_event_and_not_again_when_its_broadcast_comes_back() {
        CacheInvalidator invalidator = invalidator(published::add, listener);

        invalidator.invalidateScopes(Set.of(OVERVIEW_42), "detection.created", "e-1");
        invalidator.onInvalidation(published.get(0));

        assertThat(published).containsExactly(InvalidationMessage.ofScopes(ME, Set.of(OVERVIEW_42), "e-1"));
        assertThat(heard).containsExactly("instance-a [overview:user:42] [] false e-1");
    }

    @Test
    void another_instances_invalidation_is_heard_when_its_broadcast_arrives() {
        CacheInvalidator invalidator = invalidator(published::add, listener);

        invalidator.onInvalidation(InvalidationMessage.ofScopes("instance-b", Set.of(OVERVIEW_42), "e-2"));
        invalidator.onInvalidation(InvalidationMessage.ofEverything("instance-b"));

        assertThat(heard).containsExactly("instance-b [overview:user:42] [] false e-2", "instance-b [] [] true null");
        assertThat(published).isEmpty();
    }

    @Test
    void operator_invalidations_are_heard_too() {
        CacheInvalidator invalidator = invalidator(published::add, listener);

        invalidator.invalidate(InvalidationRequest.type(DataType.WIDGET_DATA));
        invalidator.invalidate(InvalidationRequest.allEntries());

        assertThat(heard).containsExactly("instance-a [] [WIDGET_DATA] false null", "instance-a [] [] true null");
    }

    @Test
    void a_restored_subscription_tells_the_listener_that_invalidations_may_have_been_missed() {
        invalidator(published::add, listener).onConnectionRestored();

        assertThat(heard).containsExactly("missed");
    }

    @Test
    void an_invalidation_is_heard_here_even_when_the_broadcast_fails() {
        CacheInvalidator invalidator = invalidator(message -> {
            throw new IllegalStateException("redis is away");
        }, listener);

        assertThatThrownBy(() -> invalidator.invalidateScopes(Set.of(OVERVIEW_42), "detection.created", "e-3"))
                .isInstanceOf(CacheTierUnavailableException.class);

        assertThat(heard).containsExactly("instance-a [overview:user:42] [] false e-3");
    }

    @Test
    void a_failing_listener_does_not_fail_the_invalidation() {
        InMemoryLocalTier l1 = new InMemoryLocalTier();
        CacheInvalidator invalidator = new CacheInvalidator(l1, new InMemorySharedTier(), published::add,
                new LocalFillGuard(), new RecordedInvalidations(), ME, new InvalidationListener() {
                    @Override
                    public void invalidated(InvalidationMessage message) {
                        throw new IllegalStateException("listener broken");
                    }

                    @Override
                    public void invalidationsMayHaveBeenMissed() {
                        throw new IllegalStateException("listener broken");
                    }
                });

        invalidator.invalidateScopes(Set.of(OVERVIEW_42), "detection.created", "e-4");
        invalidator.onInvalidation(InvalidationMessage.ofScopes("instance-b", Set.of(OVERVIEW_42)));
        invalidator.onConnectionRestored();

        assertThat(published).hasSize(1);
    }
}
