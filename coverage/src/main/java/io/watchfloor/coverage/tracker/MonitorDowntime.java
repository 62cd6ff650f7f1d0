package io.watchfloor.coverage.tracker;

import java.util.Arrays;

/**
 * Tracker thread only: when Watchfloor itself was not running, so that its own downtime never becomes a source's
 * gap. A source's silence is judged from the later of its last receive and the last monitor start; a window that
 * overlaps a down period is neither learned nor judged; a sequence hole or a learned interval spanning one is not
 * counted. Keeps the latest {@link #MAX_PERIODS} periods; nothing here runs per event unless a period is known.
 */
final class MonitorDowntime {
    /** Down periods kept; older ones are forgotten (they only matter to windows long closed). */
    static final int MAX_PERIODS = 256;

    private final long[] fromMs = new long[MAX_PERIODS];
    private final long[] toMs = new long[MAX_PERIODS];
    private final long startedAtMs;
    private int count;
    private long lastStartMs;

    /** @param startedAtMs when this monitor started, epoch ms */
    MonitorDowntime(long startedAtMs) {
        this.startedAtMs = startedAtMs;
        this.lastStartMs = startedAtMs;
    }

    /** Records a period {@code [from, to)} when the monitor was down; {@code to} was a start. Rare. */
    void down(long from, long to) {
        if (to <= from) {
            return;
        }
        if (count == MAX_PERIODS) {
            System.arraycopy(fromMs, 1, fromMs, 0, MAX_PERIODS - 1);
            System.arraycopy(toMs, 1, toMs, 0, MAX_PERIODS - 1);
            count--;
        }
        fromMs[count] = from;
        toMs[count] = to;
        count++;
        sortByStart();
        lastStartMs = Math.max(lastStartMs, to);
    }

    private void sortByStart() {
        for (int k = count - 1; k > 0 && fromMs[k] < fromMs[k - 1]; k--) {
            long t = fromMs[k];
            fromMs[k] = fromMs[k - 1];
            fromMs[k - 1] = t;
            t = toMs[k];
            toMs[k] = toMs[k - 1];
            toMs[k - 1] = t;
        }
    }

    /** @return the latest monitor start at or before {@code nowMs} (the tracker's own start at the earliest) */
    long lastStartMs(long nowMs) {
        if (lastStartMs <= nowMs) {
            return lastStartMs;
        }
        long best = Long.MIN_VALUE;
        for (int k = 0; k < count; k++) {
            if (toMs[k] <= nowMs) {
                best = Math.max(best, toMs[k]);
            }
        }
        return best;
    }

    /** @return the time silence since {@code lastMs} is judged from at {@code nowMs}: the later of it and the last start */
    long silenceFromMs(long lastMs, long nowMs) {
        return Math.max(lastMs, lastStartMs(nowMs));
    }

    /** @return true when the monitor was down at some time in {@code (fromMs, toMs)} */
    boolean downWithin(long from, long to) {
        for (int k = 0; k < count; k++) {
            if (fromMs[k] < to && toMs[k] > from) {
                return true;
            }
        }
        return false;
    }

    /** @return true when the window {@code [from, to)} was not watched throughout: down inside, or started inside it */
    boolean unwatched(long from, long to) {
        return downWithin(from, to) || (startedAtMs > from && startedAtMs < to) || startedWithin(from, to);
    }

    private boolean startedWithin(long from, long to) {
        for (int k = 0; k < count; k++) {
            if (toMs[k] > from && toMs[k] < to) {
                return true;
            }
        }
        return false;
    }

    /** @return the down periods, {@code [from, to]} pairs, oldest first; for tests */
    long[][] periods() {
        final long[][] out = new long[count][];
        for (int k = 0; k < count; k++) {
            out[k] = new long[] {fromMs[k], toMs[k]};
        }
        return out;
    }

    @Override
    public String toString() {
        return "MonitorDowntime{lastStartMs=" + lastStartMs + ", periods=" + Arrays.deepToString(periods()) + "}";
    }
}
