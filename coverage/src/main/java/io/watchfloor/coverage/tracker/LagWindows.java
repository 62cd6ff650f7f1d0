package io.watchfloor.coverage.tracker;

import java.util.Arrays;

/**
 * The last lags (receive time − event time) of every source, in one flat ring per source, with a running count
 * of those above the source's {@code max_lag}. Tracker thread only; {@link #record} is O(1) and allocation-free.
 */
final class LagWindows {
    private static final long HALF_HOUR_MS = 30 * 60_000L;

    private final int window;
    private int[] lagMs;
    private int[] filled;
    private int[] next;
    private int[] over;
    private long[] maxLagMs;

    /** @param sources initial capacity in sources, each without a lag objective until {@link #maxLag} */
    LagWindows(int sources, int window) {
        this.window = window;
        this.lagMs = new int[sources * window];
        this.filled = new int[sources];
        this.next = new int[sources];
        this.over = new int[sources];
        this.maxLagMs = new long[sources];
        Arrays.fill(maxLagMs, -1);
    }

    /** Grows to {@code sources} slots; new ones are empty and without a lag objective. */
    void grow(int sources) {
        final int before = maxLagMs.length;
        lagMs = Arrays.copyOf(lagMs, sources * window);
        filled = Arrays.copyOf(filled, sources);
        next = Arrays.copyOf(next, sources);
        over = Arrays.copyOf(over, sources);
        maxLagMs = Arrays.copyOf(maxLagMs, sources);
        Arrays.fill(maxLagMs, before, sources, -1);
    }

    /** Sets source {@code i}'s lag objective (negative: none) and recounts its window against it. */
    void maxLag(int i, long objectiveMs) {
        maxLagMs[i] = objectiveMs;
        int count = 0;
        for (int k = 0; k < filled[i]; k++) {
            if (objectiveMs >= 0 && lagMs[i * window + k] > objectiveMs) {
                count++;
            }
        }
        over[i] = count;
    }

    /**
     * Records one lag of source {@code i}.
     *
     * @return true when, after it, more than half of the window lags more than the source's {@code max_lag}
     */
    boolean record(int i, long lag) {
        final int clamped = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, lag));
        final long objective = maxLagMs[i];
        final int at = i * window + next[i];
        if (filled[i] == window) {
            if (objective >= 0 && lagMs[at] > objective) {
                over[i]--;
            }
        } else {
            filled[i]++;
        }
        lagMs[at] = clamped;
        if (objective >= 0 && clamped > objective) {
            over[i]++;
        }
        next[i] = next[i] + 1 == window ? 0 : next[i] + 1;
        return objective >= 0 && over[i] * 2 > filled[i];
    }

    /** @return p50/p95/max of source {@code i}'s window; {@code scratch} holds at least the window */
    LagStats stats(int i, int[] scratch) {
        final int n = sorted(i, scratch);
        if (n == 0) {
            return LagStats.EMPTY;
        }
        return new LagStats(n, scratch[rank(0.5, n)], scratch[rank(0.95, n)], scratch[n - 1]);
    }

    /**
     * @return the non-zero multiple of 30 minutes the median lag is within {@code toleranceMs} of, when at least
     *     {@code minShare} of the window is within the tolerance of it too; else 0. {@code scratch} is left sorted.
     */
    long suspectedOffsetMs(int i, int[] scratch, long toleranceMs, double minShare, int[] nearOut) {
        final int n = sorted(i, scratch);
        nearOut[0] = 0;
        if (n == 0) {
            return 0;
        }
        final long median = scratch[rank(0.5, n)];
        final long offset = Math.round((double) median / HALF_HOUR_MS) * HALF_HOUR_MS;
        if (offset == 0 || Math.abs(median - offset) > toleranceMs) {
            return 0;
        }
        int near = 0;
        for (int k = 0; k < n; k++) {
            if (Math.abs(scratch[k] - offset) <= toleranceMs) {
                near++;
            }
        }
        nearOut[0] = near;
        return near >= minShare * n ? offset : 0;
    }

    int window() {
        return window;
    }

    private int sorted(int i, int[] scratch) {
        final int n = filled[i];
        System.arraycopy(lagMs, i * window, scratch, 0, n);
        Arrays.sort(scratch, 0, n);
        return n;
    }

    private static int rank(double q, int n) {
        return Math.max(0, (int) Math.ceil(q * n) - 1);
    }
}
