package io.dashcache.application.port.in.warming;

import io.dashcache.application.port.messages.WarmKind;

/** The operator's warming: load keys before anyone asks, without ever starving the readers. */
public interface WarmCache {

    /**
     * How a request was taken in. Warming runs in the background after the answer.
     *
     * @param queued        tasks newly queued
     * @param alreadyQueued keys that were waiting in the queue already (moved up if this request is more urgent)
     * @param dropped       tasks refused because the queue was full
     */
    record Receipt(int queued, int alreadyQueued, int dropped) {
    }

    /**
     * The warmer's state and what its tasks came to since start-up.
     *
     * @param queueLength      tasks waiting
     * @param queueCapacity    the most that may wait; more are dropped
     * @param inFlight         tasks running now (never more than {@code concurrency})
     * @param concurrency      the most tasks that run at once
     * @param ratePerSecond    the most tasks started per second
     * @param warmed           tasks that loaded from the engine
     * @param alreadyFresh     tasks that found the value fresh already
     * @param loadingElsewhere tasks that found another instance loading the key
     * @param failed           tasks the engine failed
     * @param dropped          tasks dropped because the queue was full
     */
    record Stats(int queueLength, int queueCapacity, int inFlight, int concurrency, double ratePerSecond,
                 long warmed, long alreadyFresh, long loadingElsewhere, long failed, long dropped) {

        /** Nothing waiting and nothing running. */
        public boolean idle() {
            return queueLength == 0 && inFlight == 0;
        }
    }

    /** Queues the keys a request names, as {@link WarmKind#ON_DEMAND} tasks. */
    Receipt warm(WarmRequest request);

    Stats stats();
}
