package io.dashcache.bootstrap;

import io.dashcache.adapters.events.EventConsumerSettings;
import java.time.Duration;

/**
 * How the engine-event consumer notices that another instance died, parsed by {@link ConfigLoader}.
 *
 * @param heartbeat {@code DASHCACHE_EVENTS_HEARTBEAT_MS}: how often each consumer says it is alive
 * @param liveness  {@code DASHCACHE_EVENTS_LIVENESS_MS}: a consumer silent this long is dead and its
 *                  pending events are taken over; at least twice the heartbeat
 */
public record EventConsumerConfig(Duration heartbeat, Duration liveness) {

    /** The stream consumer's settings for this instance, with these liveness bounds. */
    public EventConsumerSettings settings(EventConsumerSettings defaults) {
        return defaults.withLiveness(heartbeat, liveness);
    }
}
