package io.dashcache.adapters.events;

/**
 * What the event consumer has done since it started, for metrics and {@code /health}.
 *
 * @param applied        events the port applied
 * @param duplicates     events the port had already applied (same event id)
 * @param deadLettered   entries moved to {@code {stream}:dead} because they cannot be read
 * @param failedAttempts passes that failed (Redis unreachable or the port throwing) and will be retried
 * @param retrying       whether the consumer is in such an outage right now
 * @param lastError      the last failure in one line, or {@code null} if there was none
 * @param takenOver      entries taken over from consumers that died (heartbeat stopped, or idle past the
 *                       claim-idle time); each is also counted as applied, duplicate or dead-lettered
 * @param consumersRemoved consumers this one removed from the group (gone, nothing pending)
 */
public record EventConsumerStats(long applied, long duplicates, long deadLettered, long failedAttempts,
                                 boolean retrying, String lastError, long takenOver, long consumersRemoved) {
}
