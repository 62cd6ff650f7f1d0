package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.VolumePolicy;
import java.util.Arrays;

/**
 * Tracker thread only: the event counts per window of every source with {@code volume} on, the learned lower bound
 * of each ({@link LearnedVolumes}) and the {@code volume} gap they open.
 *
 * <p>Windows are aligned on UTC midnight and close when an event or tick lies past their end (replayed events too,
 * so a restart relearns the same model). A closed window is skipped ({@link WindowSkips}), learned while its
 * hour-of-week bucket warms up, counted low when below the bound, or else learned and counted good. It is never
 * learned while a {@code volume} gap is open, nor when low. Transitions happen on live ticks only: the gap opens once
 * {@code consecutive} windows in a row are low, at the start of the first, and closes at the start of the next good
 * window. The first window a source is seen in is partial and skipped. {@link #onEvent} is O(1) and allocation-free
 * while the window lasts.
 */
final class VolumeWindows {
    private static final long NONE = -1;
    /** Most empty windows closed at once; past this the counting jumps to the current window. */
    static final int MAX_WINDOWS_PER_ROLL = 7 * 24 * 60;

    private final GapLedger ledger;
    private final WindowSkips skips;
    private final LearnedVolumes learned;
    /** Slot of each source, or -1 when its volume is off. */
    private int[] slotOf;
    private long[] windowMs;
    private int[] consecutive;
    private long[] windowStartMs;
    private long[] count;
    private boolean[] partial;
    private int[] lowStreak;
    private long[] lowSinceMs;
    private long[] goodAtMs;
    private long[] lastLowCount;
    private long[] lastLowBound;
    /** Slots handed out, in use or dropped by a lifecycle change. */
    private int slots;

    VolumeWindows(Inventory inventory, GapLedger ledger, WindowSkips skips) {
        this.ledger = ledger;
        this.skips = skips;
        final int n = inventory.size();
        slotOf = new int[n];
        for (int i = 0; i < n; i++) {
            slotOf[i] = inventory.source(i).content().volume().enabled() ? slots++ : -1;
        }
        windowMs = new long[slots];
        consecutive = new int[slots];
        for (int i = 0; i < n; i++) {
            if (slotOf[i] >= 0) {
                final VolumePolicy p = inventory.source(i).content().volume();
                windowMs[slotOf[i]] = p.windowMs();
                consecutive[slotOf[i]] = p.consecutive();
            }
        }
        learned = new LearnedVolumes(slots);
        windowStartMs = new long[slots];
        count = new long[slots];
        partial = new boolean[slots];
        lowStreak = new int[slots];
        lowSinceMs = new long[slots];
        goodAtMs = new long[slots];
        lastLowCount = new long[slots];
        lastLowBound = new long[slots];
        Arrays.fill(windowStartMs, NONE);
        Arrays.fill(goodAtMs, NONE);
    }

    /**
     * Takes source {@code s}, added or changed by a lifecycle change: volume turned on, or a new window length,
     * starts a fresh slot (counts of another window length do not compare; its first window is partial); volume
     * turned off drops the slot (an open {@code volume} gap then closes on the next tick); a new {@code consecutive}
     * alone keeps what was learned. Rare: may grow the arrays.
     */
    void put(Source s) {
        final int i = s.index();
        if (i >= slotOf.length) {
            final int before = slotOf.length;
            slotOf = Arrays.copyOf(slotOf, Math.max(i + 1, before * 2));
            Arrays.fill(slotOf, before, slotOf.length, -1);
        }
        final VolumePolicy p = s.content().volume();
        final int current = slotOf[i];
        if (!p.enabled()) {
            slotOf[i] = -1;
        } else if (current >= 0 && windowMs[current] == p.windowMs()) {
            consecutive[current] = p.consecutive();
        } else {
            slotOf[i] = newSlot(p);
        }
    }

    private int newSlot(VolumePolicy p) {
        final int s = slots++;
        if (s == windowMs.length) {
            final int capacity = Math.max(1, s * 2);
            windowMs = Arrays.copyOf(windowMs, capacity);
            consecutive = Arrays.copyOf(consecutive, capacity);
            windowStartMs = Arrays.copyOf(windowStartMs, capacity);
            count = Arrays.copyOf(count, capacity);
            partial = Arrays.copyOf(partial, capacity);
            lowStreak = Arrays.copyOf(lowStreak, capacity);
            lowSinceMs = Arrays.copyOf(lowSinceMs, capacity);
            goodAtMs = Arrays.copyOf(goodAtMs, capacity);
            lastLowCount = Arrays.copyOf(lastLowCount, capacity);
            lastLowBound = Arrays.copyOf(lastLowBound, capacity);
            learned.grow(capacity);
        }
        windowMs[s] = p.windowMs();
        consecutive[s] = p.consecutive();
        windowStartMs[s] = NONE;
        goodAtMs[s] = NONE;
        return s;
    }

    /** @return true when source {@code i} has volume on */
    boolean tracks(int i) {
        return slotOf[i] >= 0;
    }

    /** Counts one event of source {@code i} received at {@code receivedMs}, live or replayed. */
    void onEvent(int i, long receivedMs) {
        final int s = slotOf[i];
        if (s < 0) {
            return;
        }
        final long start = windowStartMs[s];
        if (start == NONE) {
            windowStartMs[s] = Math.floorDiv(receivedMs, windowMs[s]) * windowMs[s];
            partial[s] = true;
        } else if (receivedMs >= start + windowMs[s]) {
            roll(i, receivedMs);
        }
        count[s]++;
    }

    /** Live tick: closes the windows of source {@code i} that ended by {@code nowMs}, then opens or closes its gap. */
    void tick(int i, long nowMs) {
        final int s = slotOf[i];
        if (s < 0) {
            return;
        }
        if (windowStartMs[s] != NONE && nowMs >= windowStartMs[s] + windowMs[s]) {
            roll(i, nowMs);
        }
        final Gap open = ledger.openOf(i, GapType.VOLUME);
        if (open != null && goodAtMs[s] != NONE && goodAtMs[s] >= open.openedAtMs()) {
            ledger.closeOf(i, GapType.VOLUME, goodAtMs[s], nowMs);
        }
        if (ledger.openOf(i, GapType.VOLUME) == null && lowStreak[s] >= consecutive[s]) {
            ledger.open(i, GapType.VOLUME, lowSinceMs[s], GapReason.VOLUME_DROP,
                    GapDetail.volume(lastLowCount[s], lastLowBound[s]), nowMs);
        }
    }

    /** Closes every window of slot {@code s} that ended by {@code atMs}; the rare path of {@link #onEvent}. */
    private void roll(int i, long atMs) {
        final int s = slotOf[i];
        final long w = windowMs[s];
        long start = windowStartMs[s];
        judge(i, s, start, count[s]);
        count[s] = 0;
        start += w;
        final long current = Math.floorDiv(atMs, w) * w;
        if ((current - start) / w > MAX_WINDOWS_PER_ROLL) {
            start = current - MAX_WINDOWS_PER_ROLL * w;
        }
        for (; start < current; start += w) {
            judge(i, s, start, 0);
        }
        windowStartMs[s] = current;
    }

    private void judge(int i, int s, long start, long n) {
        if (partial[s]) {
            partial[s] = false;
            return;
        }
        if (skips.skip(i, start, start + windowMs[s])) {
            return;
        }
        final Gap open = ledger.openOf(i, GapType.VOLUME);
        final boolean gapOpen = open != null && open.openedAtMs() <= start;
        final long bound = learned.lowerBound(s, start);
        if (bound < 0) {
            if (!gapOpen) {
                learned.learn(s, start, n);
            }
        } else if (n < bound) {
            if (lowStreak[s] == 0) {
                lowSinceMs[s] = start;
            }
            if (lowStreak[s] < Integer.MAX_VALUE) {
                lowStreak[s]++;
            }
            lastLowCount[s] = n;
            lastLowBound[s] = bound;
        } else {
            lowStreak[s] = 0;
            goodAtMs[s] = start;
            if (!gapOpen) {
                learned.learn(s, start, n);
            }
        }
    }

    /** @return when source {@code i}'s current window ends (a tick then closes it), or -1 when none is open */
    long windowEndMs(int i) {
        final int s = slotOf[i];
        return s < 0 || windowStartMs[s] == NONE ? NONE : windowStartMs[s] + windowMs[s];
    }

    /** @return the events counted so far in source {@code i}'s current window, or -1 when it has none or volume off */
    long currentCount(int i) {
        final int s = slotOf[i];
        return s < 0 || windowStartMs[s] == NONE ? -1 : count[s];
    }

    /** @return the lower bound of source {@code i}'s window at {@code atMs}, or -1 while learning or with volume off */
    long lowerBound(int i, long atMs) {
        final int s = slotOf[i];
        return s < 0 ? -1 : learned.lowerBound(s, Math.floorDiv(atMs, windowMs[s]) * windowMs[s]);
    }

    /** @return the low windows in a row of source {@code i} so far */
    int lowStreak(int i) {
        final int s = slotOf[i];
        return s < 0 ? 0 : lowStreak[s];
    }
}
