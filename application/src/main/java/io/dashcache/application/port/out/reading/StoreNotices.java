package io.dashcache.application.port.out.reading;

import io.dashcache.domain.EntryKey;
import java.time.Duration;

/**
 * Hears, the moment it happens, that some instance stored a value of a key in L2: so a request waiting
 * for another instance's load (the lease) looks at L2 at once instead of after its next pause, and an
 * instance whose copy an invalidation dropped can take the new value. A notice says only "stored": the
 * reader still reads L2, whose version check decides what is current. Notices are best effort (a lost one
 * costs the old pause), so nothing may depend on one arriving.
 *
 * <pre>{@code
 * StoreNotices.Watch watch = notices.watch(key, Duration.ofSeconds(2), signal::release);
 * try { ... signal.tryAcquire(pause, MILLISECONDS) ... } finally { watch.cancel(); }
 * }</pre>
 */
public interface StoreNotices {

    /** Hears nothing: waiters fall back to polling, as before notices existed. */
    StoreNotices NONE = (key, within, onStored) -> Watch.NONE;

    /**
     * Calls {@code onStored} each time a value of {@code key} is stored, until cancelled or {@code within}
     * has passed (so a watch nobody cancels still goes). Called on the notice thread: return quickly,
     * never block. When too many keys are watched it may return {@link Watch#NONE} and never call.
     */
    Watch watch(EntryKey key, Duration within, Runnable onStored);

    /** One watch; cancelling twice, or after it expired, is harmless. */
    interface Watch {

        Watch NONE = () -> { };

        void cancel();
    }
}
