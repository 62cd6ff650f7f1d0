package io.watchfloor.coverage.tracker;

import java.util.Arrays;

/**
 * Tracker thread only: the next time each source needs a tick, as an indexed binary min-heap of source indexes
 * keyed by due time, so a TICK visits only the sources that are due: O(due × log n), not O(n).
 *
 * <p>Each source is in the queue at most once; {@link #armNoLaterThan} moves it earlier, never later, so a caller
 * may arm an early lower bound and let the tick find the exact deadline (a due that turns out early is re-armed).
 * Allocation-free; 16 bytes per source (due time, heap position, heap slot).
 */
final class DeadlineQueue {
    /** Due time of a source that is not queued. */
    static final long NOT_ARMED = Long.MAX_VALUE;

    private long[] dueMs;
    /** Position of each source in {@link #heap}, or -1. */
    private int[] position;
    private int[] heap;
    private int size;

    /** @param capacity initial capacity in sources */
    DeadlineQueue(int capacity) {
        final int n = Math.max(1, capacity);
        dueMs = new long[n];
        position = new int[n];
        heap = new int[n];
        Arrays.fill(dueMs, NOT_ARMED);
        Arrays.fill(position, -1);
    }

    /** Makes room for source indexes below {@code sources}. Rare. */
    void ensureCapacity(int sources) {
        if (sources <= dueMs.length) {
            return;
        }
        final int before = dueMs.length;
        final int capacity = Math.max(sources, before * 2);
        dueMs = Arrays.copyOf(dueMs, capacity);
        position = Arrays.copyOf(position, capacity);
        heap = Arrays.copyOf(heap, capacity);
        Arrays.fill(dueMs, before, capacity, NOT_ARMED);
        Arrays.fill(position, before, capacity, -1);
    }

    /** @return true when source {@code i} is queued */
    boolean armed(int i) {
        return position[i] >= 0;
    }

    /** @return source {@code i}'s due time, or {@link #NOT_ARMED} */
    long dueMs(int i) {
        return dueMs[i];
    }

    /** @return the number of sources queued */
    int size() {
        return size;
    }

    /** Queues source {@code i} for the first tick at or after {@code atMs}, unless it is already due earlier. */
    void armNoLaterThan(int i, long atMs) {
        final int p = position[i];
        if (p < 0) {
            dueMs[i] = atMs;
            position[i] = size;
            heap[size] = i;
            up(size++);
        } else if (atMs < dueMs[i]) {
            dueMs[i] = atMs;
            up(p);
        }
    }

    /** Queues source {@code i} at exactly {@code atMs}, or takes it out of the queue when {@link #NOT_ARMED}. */
    void arm(int i, long atMs) {
        remove(i);
        if (atMs != NOT_ARMED) {
            armNoLaterThan(i, atMs);
        }
    }

    /** Takes source {@code i} out of the queue, if queued. */
    void remove(int i) {
        final int p = position[i];
        if (p < 0) {
            return;
        }
        final int last = heap[--size];
        position[i] = -1;
        dueMs[i] = NOT_ARMED;
        if (p < size) {
            heap[p] = last;
            position[last] = p;
            down(p);
            up(position[last]);
        }
    }

    /** @return how many sources are due at or before {@code nowMs}; O(n), for tests */
    int countDue(long nowMs) {
        int count = 0;
        for (int k = 0; k < size; k++) {
            if (dueMs[heap[k]] <= nowMs) {
                count++;
            }
        }
        return count;
    }

    /** @return the source due first if its due time is at or before {@code nowMs}, taken out of the queue; else -1 */
    int pollDue(long nowMs) {
        if (size == 0 || dueMs[heap[0]] > nowMs) {
            return -1;
        }
        final int i = heap[0];
        remove(i);
        return i;
    }

    private void up(int p) {
        final int i = heap[p];
        final long due = dueMs[i];
        while (p > 0) {
            final int parent = (p - 1) >>> 1;
            final int j = heap[parent];
            if (dueMs[j] <= due) {
                break;
            }
            heap[p] = j;
            position[j] = p;
            p = parent;
        }
        heap[p] = i;
        position[i] = p;
    }

    private void down(int p) {
        final int i = heap[p];
        final long due = dueMs[i];
        final int half = size >>> 1;
        while (p < half) {
            int child = 2 * p + 1;
            final int right = child + 1;
            if (right < size && dueMs[heap[right]] < dueMs[heap[child]]) {
                child = right;
            }
            final int j = heap[child];
            if (due <= dueMs[j]) {
                break;
            }
            heap[p] = j;
            position[j] = p;
            p = child;
        }
        heap[p] = i;
        position[i] = p;
    }
}
