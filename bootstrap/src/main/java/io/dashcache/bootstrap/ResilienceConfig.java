package io.dashcache.bootstrap;

import io.dashcache.adapters.redis.ReplicaAcks;
import java.time.Duration;

/**
 * How an instance keeps answering while Redis or the engine fail.
 *
 * @param redisBreakerOpen     {@code DASHCACHE_REDIS_BREAKER_OPEN_MS}: how long an open circuit skips Redis
 *                             before probing it again
 * @param engineMaxConcurrency {@code DASHCACHE_ENGINE_MAX_CONCURRENCY}: engine loads at once
 * @param engineQueueWait      {@code DASHCACHE_ENGINE_QUEUE_WAIT_MS}: how long a load waits for a free slot
 *                             before it is a 503
 * @param redisReplicaAcks     {@code DASHCACHE_REDIS_REPLICA_ACKS} and {@code DASHCACHE_REDIS_REPLICA_ACK_TIMEOUT_MS}:
 *                             how many replicas must hold an invalidation before it counts as done
 * @param maxPendingEvents     {@code DASHCACHE_PENDING_EVENTS_MAX}: webhook events kept (and applied later)
 *                             while Redis cannot record them; 0 refuses them with 503
 */
public record ResilienceConfig(Duration redisBreakerOpen, int engineMaxConcurrency, Duration engineQueueWait,
                               ReplicaAcks redisReplicaAcks, int maxPendingEvents) {
}
