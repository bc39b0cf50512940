package io.dashcache.application.warming;

import io.dashcache.application.port.messages.WarmKind;
import io.dashcache.domain.CacheKey;
import java.time.Instant;

/**
 * One key to warm.
 *
 * @param freshBeyond the key needs no load when a tier holds a value fresh past this moment
 * @param sequence    order of arrival, which breaks ties between tasks of one kind
 */
record WarmTask(WarmKind kind, CacheKey key, Instant freshBeyond, long sequence) {
}
