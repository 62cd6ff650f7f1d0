package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import java.util.Arrays;

/**
 * Tracker thread only: the mutable state of every inventory source, one slot per source index, growing as sources
 * are added.
 *
 * <p>Holds the last receive and event time, event count, {@link SourceState}, the lag window with the DELAYED flag
 * it drives, whether a partial gap is open (DEGRADED), and future-timestamp counters. {@link #onReceive} runs per event and allocates nothing.
 */
final class SourceStates {
    /** {@link #lastReceivedMs} of a source that never reported. */
    static final long NEVER = Long.MIN_VALUE;
    /** Absent time. */
    static final long NONE = -1;

    private long[] lastReceivedMs;
    private long[] lastEventTimeMs;
    private long[] events;
    private SourceState[] state;
    private final LagWindows lags;
    /** Whether most of the lag window is above max_lag, as of the last event. */
    private boolean[] delayed;
    /** Whether a partial gap ({@code volume}, {@code degraded}) is open, as of the last tick. */
    private boolean[] partial;
    /** Receive time of the event that made the source delayed (the delayed gap's start), or NONE. */
    private long[] delayedSinceMs;
    /** Receive time of the event that ended the last delayed period, or NONE. */
    private long[] delayedClearedAtMs;
    private long[] futureEvents;
    private long[] futureLastAtMs;
    private long[] futureMaxAheadMs;
    private final long futureToleranceMs;
    private int size;

    SourceStates(Inventory inventory, int lagWindowEvents, long futureToleranceMs) {
        final int n = Math.max(1, inventory.size());
        lastReceivedMs = new long[n];
        lastEventTimeMs = new long[n];
        events = new long[n];
        state = new SourceState[n];
        delayed = new boolean[n];
        partial = new boolean[n];
        delayedSinceMs = new long[n];
        delayedClearedAtMs = new long[n];
        futureEvents = new long[n];
        futureLastAtMs = new long[n];
        futureMaxAheadMs = new long[n];
        this.futureToleranceMs = futureToleranceMs;
        lags = new LagWindows(n, lagWindowEvents);
        for (Source s : inventory.sources()) {
            add(s);
        }
    }

    /** Adds the next source, never seen; grows the arrays by doubling. */
    void add(Source s) {
        if (size == lastReceivedMs.length) {
            grow(size * 2);
        }
        final int i = size++;
        lastReceivedMs[i] = NEVER;
        lastEventTimeMs[i] = NONE;
        state[i] = SourceState.NEVER_SEEN;
        delayedSinceMs[i] = NONE;
        delayedClearedAtMs[i] = NONE;
        futureLastAtMs[i] = NONE;
        lags.maxLag(i, s.maxLagMs());
    }

    private void grow(int capacity) {
        lastReceivedMs = Arrays.copyOf(lastReceivedMs, capacity);
        lastEventTimeMs = Arrays.copyOf(lastEventTimeMs, capacity);
        events = Arrays.copyOf(events, capacity);
        state = Arrays.copyOf(state, capacity);
        delayed = Arrays.copyOf(delayed, capacity);
        partial = Arrays.copyOf(partial, capacity);
        delayedSinceMs = Arrays.copyOf(delayedSinceMs, capacity);
        delayedClearedAtMs = Arrays.copyOf(delayedClearedAtMs, capacity);
        futureEvents = Arrays.copyOf(futureEvents, capacity);
        futureLastAtMs = Arrays.copyOf(futureLastAtMs, capacity);
        futureMaxAheadMs = Arrays.copyOf(futureMaxAheadMs, capacity);
        lags.grow(capacity);
    }

    /** Takes a new version of source {@code i}: its lag objective; what it reported so far stays. */
    void update(int i, Source s) {
        lags.maxLag(i, s.maxLagMs());
    }

    /** @return the number of sources */
    int size() {
        return size;
    }

    /**
     * Records one event of source {@code i}: its receive, its lag when it carries an event time (which may start
     * or end a delayed period; the gaps move on ticks), its count, and REPORTING or DELAYED.
     */
    void onReceive(int i, long receivedMs, long eventTimeMs) {
        if (receivedMs > lastReceivedMs[i]) {
            lastReceivedMs[i] = receivedMs;
        }
        if (eventTimeMs != NONE) {
            lastEventTimeMs[i] = eventTimeMs;
            onLag(i, receivedMs, receivedMs - eventTimeMs);
        }
        events[i]++;
        state[i] = arrivingState(i);
    }

    private void onLag(int i, long receivedMs, long lagMs) {
        if (-lagMs > futureToleranceMs) {
            onFutureTimestamp(i, receivedMs, -lagMs);
        }
        final boolean nowDelayed = lags.record(i, lagMs);
        if (nowDelayed != delayed[i]) {
            delayed[i] = nowDelayed;
            if (nowDelayed) {
                delayedSinceMs[i] = receivedMs;
                delayedClearedAtMs[i] = NONE;
            } else {
                delayedClearedAtMs[i] = receivedMs;
            }
        }
    }

    private void onFutureTimestamp(int i, long receivedMs, long aheadMs) {
        futureEvents[i]++;
        futureLastAtMs[i] = receivedMs;
        if (aheadMs > futureMaxAheadMs[i]) {
            futureMaxAheadMs[i] = aheadMs;
        }
    }

    /** @return DEGRADED when a partial gap of source {@code i} is open, DELAYED when its lag says so, else REPORTING */
    SourceState arrivingState(int i) {
        return partial[i] ? SourceState.DEGRADED : delayed[i] ? SourceState.DELAYED : SourceState.REPORTING;
    }

    boolean partial(int i) {
        return partial[i];
    }

    void partial(int i, boolean open) {
        partial[i] = open;
    }

    SourceState state(int i) {
        return state[i];
    }

    void state(int i, SourceState s) {
        state[i] = s;
    }

    /** @return the last receive time of source {@code i}, epoch ms, or NEVER */
    long lastReceivedMs(int i) {
        return lastReceivedMs[i];
    }

    /** @return the last event time source {@code i} carried, epoch ms, or NONE */
    long lastEventTimeMs(int i) {
        return lastEventTimeMs[i];
    }

    long events(int i) {
        return events[i];
    }

    boolean delayed(int i) {
        return delayed[i];
    }

    /** @return the receive time that made source {@code i} delayed, or NONE */
    long delayedSinceMs(int i) {
        return delayedSinceMs[i];
    }

    /** @return the receive time that ended source {@code i}'s last delayed period, or NONE */
    long delayedClearedAtMs(int i) {
        return delayedClearedAtMs[i];
    }

    /** @return source {@code i}'s FUTURE_TIMESTAMP finding, or null when no event time was ahead; allocates */
    SourceFinding futureTimestampFinding(int i) {
        if (futureEvents[i] == 0) {
            return null;
        }
        return new SourceFinding(FindingKind.FUTURE_TIMESTAMP, futureEvents[i], futureLastAtMs[i], futureMaxAheadMs[i]);
    }

    /** @return every source's lag window */
    LagWindows lags() {
        return lags;
    }
}
