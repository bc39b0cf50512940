package io.dashcache.bootstrap.wiring;

import io.dashcache.adapters.events.EventConsumerStats;
import io.dashcache.adapters.events.RedisStreamEventConsumer;
import io.dashcache.adapters.metrics.PrometheusMetrics;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The engine-event consumer's statistics as {@code dashcache_events_*}, read at every scrape. The
 * consumer starts after the registry exists (and not at all without Redis): zero until then.
 */
final class EventConsumerMetrics {

    private EventConsumerMetrics() {
    }

    static void register(PrometheusMetrics metrics, Supplier<Optional<RedisStreamEventConsumer>> consumer) {
        counter(metrics, consumer, "dashcache.events.applied", "Engine events applied", EventConsumerStats::applied);
        counter(metrics, consumer, "dashcache.events.duplicates", "Engine events seen again and skipped (same event id)",
                EventConsumerStats::duplicates);
        counter(metrics, consumer, "dashcache.events.dead.lettered",
                "Stream entries moved to the dead-letter stream because they cannot be read", EventConsumerStats::deadLettered);
        counter(metrics, consumer, "dashcache.events.failed.attempts",
                "Passes of the consumer that failed and will be retried", EventConsumerStats::failedAttempts);
        counter(metrics, consumer, "dashcache.events.taken.over",
                "Stream entries taken over from a consumer that died (heartbeat stopped, or idle past the claim-idle time)",
                EventConsumerStats::takenOver);
        counter(metrics, consumer, "dashcache.events.consumers.removed",
                "Consumers removed from the group because they are gone (no heartbeat, nothing pending)",
                EventConsumerStats::consumersRemoved);
        metrics.registerGauge("dashcache.events.retrying", "1 while the consumer is in an outage and retrying, else 0",
                () -> consumer.get().map(each -> each.stats().retrying() ? 1 : 0).orElse(0));
    }

    private static void counter(PrometheusMetrics metrics, Supplier<Optional<RedisStreamEventConsumer>> consumer,
                                String name, String description, Function<EventConsumerStats, Long> field) {
        metrics.registerCounter(name, description, () -> consumer.get().map(each -> field.apply(each.stats())).orElse(0L));
    }
}
