package io.dashcache.application.metrics;

import java.util.ArrayList;
import java.util.List;

/** A bounded ring: once full, each new element replaces the oldest. Not thread-safe (the reporter locks). */
final class HistoryRing<T> {

    private final Object[] slots;
    private int next;
    private int size;

    HistoryRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.slots = new Object[capacity];
    }

    void add(T element) {
        slots[next] = element;
        next = (next + 1) % slots.length;
        size = Math.min(size + 1, slots.length);
    }

    /** Oldest first. */
    @SuppressWarnings("unchecked")
    List<T> toList() {
        List<T> elements = new ArrayList<>(size);
        int first = (next - size + slots.length) % slots.length;
        for (int i = 0; i < size; i++) {
            elements.add((T) slots[(first + i) % slots.length]);
        }
        return elements;
    }

    int size() {
        return size;
    }

    int capacity() {
        return slots.length;
    }
}
