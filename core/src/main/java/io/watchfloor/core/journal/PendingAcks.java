package io.watchfloor.core.journal;

import io.watchfloor.core.event.JournalCallback;

/**
 * Acknowledgements held back until the journal is synced (one group commit): the callbacks of appended events and
 * their journal indexes, in append order, in arrays sized once. Journal stage thread only.
 */
final class PendingAcks {
    private final JournalCallback[] callbacks;
    private final long[] indexes;
    private int size;

    PendingAcks(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        this.callbacks = new JournalCallback[capacity];
        this.indexes = new long[capacity];
    }

    /**
     * Holds one acknowledgement.
     *
     * @return true when the arrays are now full: release them before the next add
     */
    boolean add(JournalCallback callback, long journalIndex) {
        callbacks[size] = callback;
        indexes[size] = journalIndex;
        size++;
        return size == callbacks.length;
    }

    /** @return acknowledgements held */
    int size() {
        return size;
    }

    /**
     * Tells every held callback its event is durable (or, when {@code journaled} is false, not accepted), in append
     * order, and forgets them. A callback that throws (e.g. its listener's event loop is already shut down) does not
     * stop the others.
     *
     * @throws RuntimeException the first callback's exception, after every callback has run
     */
    void release(boolean journaled) {
        RuntimeException first = null;
        for (int i = 0; i < size; i++) {
            try {
                if (journaled) {
                    callbacks[i].journaled(indexes[i]);
                } else {
                    callbacks[i].failed();
                }
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
            callbacks[i] = null;
        }
        size = 0;
        if (first != null) {
            throw first;
        }
    }
}
