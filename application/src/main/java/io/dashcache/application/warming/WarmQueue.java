package io.dashcache.application.warming;

import io.dashcache.application.port.messages.WarmKind;
import io.dashcache.domain.CacheKey;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The warmer's bounded priority queue: the most urgent kind first ({@link WarmKind} order), oldest
 * first within a kind. A key waits at most once: asking for it again changes nothing, unless the new
 * ask is more urgent, which moves the key up. When {@code capacity} keys wait, new ones are dropped.
 */
final class WarmQueue {

    enum Admission {
        QUEUED,
        ALREADY_QUEUED,
        DROPPED
    }

    private static final Comparator<WarmTask> URGENCY =
            Comparator.comparing(WarmTask::kind).thenComparingLong(WarmTask::sequence);

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    // may hold tasks a more urgent copy superseded: skipped when they come up
    private final PriorityQueue<WarmTask> heap = new PriorityQueue<>(URGENCY);
    // the one live task per waiting key; read without the lock, changed under it
    private final Map<CacheKey, WarmTask> waiting = new ConcurrentHashMap<>();
    private long sequence;

    WarmQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    Admission offer(WarmKind kind, CacheKey key, Instant freshBeyond) {
        lock.lock();
        try {
            WarmTask queued = waiting.get(key);
            if (queued != null) {
                if (queued.kind().compareTo(kind) <= 0) {
                    return Admission.ALREADY_QUEUED;
                }
                Instant demand = queued.freshBeyond().isAfter(freshBeyond) ? queued.freshBeyond() : freshBeyond;
                add(new WarmTask(kind, key, demand, sequence++));
                return Admission.ALREADY_QUEUED;
            }
            if (waiting.size() >= capacity) {
                return Admission.DROPPED;
            }
            add(new WarmTask(kind, key, freshBeyond, sequence++));
            return Admission.QUEUED;
        } finally {
            lock.unlock();
        }
    }

    /** The most urgent task, waiting up to {@code timeout} for one; {@code null} when none came. */
    WarmTask poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (true) {
                WarmTask head = heap.poll();
                if (head == null) {
                    if (nanos <= 0) {
                        return null;
                    }
                    nanos = notEmpty.awaitNanos(nanos);
                } else if (waiting.remove(head.key(), head)) {
                    return head;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code key} waits already; lock-free, for the read path. */
    boolean isWaiting(CacheKey key) {
        return waiting.containsKey(key);
    }

    int size() {
        return waiting.size();
    }

    int capacity() {
        return capacity;
    }

    private void add(WarmTask task) {
        waiting.put(task.key(), task);
        heap.add(task);
        notEmpty.signal();
    }
}
