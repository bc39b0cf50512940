package io.dashcache.adapters.redis;

import io.dashcache.application.port.in.invalidation.ReceiveInvalidation;
import io.dashcache.application.port.messages.InvalidationMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What a broadcast's listener heard: each message, and how often its subscription came back. */
final class RecordingInvalidations implements ReceiveInvalidation {

    final List<InvalidationMessage> messages = new CopyOnWriteArrayList<>();
    final AtomicInteger restored = new AtomicInteger();
    final AtomicInteger lost = new AtomicInteger();
    /** How many of the next messages the listener fails on, as a faulty listener would. */
    final AtomicInteger failNext = new AtomicInteger();

    @Override
    public void onInvalidation(InvalidationMessage message) {
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("listener failure for the test");
        }
        messages.add(message);
    }

    @Override
    public void onConnectionLost() {
        lost.incrementAndGet();
    }

    @Override
    public void onConnectionRestored() {
        restored.incrementAndGet();
    }
}
