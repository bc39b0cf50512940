/**
 * Inbound engine events from a Redis Stream: {@link io.dashcache.adapters.events.RedisStreamEventConsumer}
 * reads {@code DASHCACHE_EVENTS_STREAM} with a consumer group (one instance per entry, at least once),
 * hands each event to the {@code ApplyEngineEvent} port, acknowledges it once applied, moves entries
 * that can never be applied to {@code {stream}:dead} with the reason, and takes over the pending
 * entries of instances that died: each consumer beats a heartbeat into {@code {stream}:alive}
 * ({@link io.dashcache.adapters.events.ConsumerHeartbeats}), and a silent one's entries are claimed by the
 * others within seconds and it is removed from the group once it has none. Owns nothing else: how an event invalidates is the port's business,
 * and the JSON rules of an event are the domain's ({@code EngineEventFields}), shared with the webhook.
 */
package io.dashcache.adapters.events;
