package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.ExceptionGrant;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.MaintenanceWindow;
import io.watchfloor.coverage.inventory.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The maintenance windows and exceptions that hold back each source's gaps, indexed by source, and which
 * expiries have been told. Tracker thread only; nothing here runs per event, and a source no window or exception
 * covers costs one null check per tick. Two references per source, plus the covering arrays.
 */
final class SourceHolds {
    private static final long NONE = -1;

    /** The windows covering each source, or null for none. */
    private MaintenanceWindow[][] windowsOf;
    /** Indexes in {@link #exceptions} of each source's exceptions, or null for none. */
    private int[][] exceptionsOf;
    private final ExceptionGrant[] exceptions;
    /** Whether each exception's expiry has been told (live or restored). */
    private final boolean[] expiryTold;
    private final Map<String, Integer> exceptionIndexById;
    /** Reason found by the last {@link #heldBackUntilMs} call. */
    private GapReason lastReason;

    /** @param indexById each source id's index in {@code inventory} */
    SourceHolds(Inventory inventory, Map<String, Integer> indexById) {
        final int n = inventory.size();
        windowsOf = new MaintenanceWindow[n][];
        exceptionsOf = new int[n][];
        exceptions = inventory.exceptions().toArray(new ExceptionGrant[0]);
        expiryTold = new boolean[exceptions.length];
        exceptionIndexById = new HashMap<>(exceptions.length * 2);
        for (int i = 0; i < n; i++) {
            windowsOf[i] = covering(inventory, inventory.source(i));
        }
        final int[] perSource = new int[n];
        for (int k = 0; k < exceptions.length; k++) {
            exceptionIndexById.put(exceptions[k].id(), k);
            perSource[indexById.get(exceptions[k].sourceId())]++;
        }
        for (int k = 0; k < exceptions.length; k++) {
            final int i = indexById.get(exceptions[k].sourceId());
            if (exceptionsOf[i] == null) {
                exceptionsOf[i] = new int[perSource[i]];
                perSource[i] = 0;
            }
            exceptionsOf[i][perSource[i]++] = k;
        }
    }

    private static MaintenanceWindow[] covering(Inventory inventory, Source s) {
        List<MaintenanceWindow> covering = null;
        for (MaintenanceWindow w : inventory.maintenanceWindows()) {
            if (w.scope().covers(s)) {
                if (covering == null) {
                    covering = new ArrayList<>();
                }
                covering.add(w);
            }
        }
        return covering == null ? null : covering.toArray(new MaintenanceWindow[0]);
    }

    /**
     * Takes source {@code s} of {@code inventory}, new (the next index) or a new version: the windows whose scope
     * covers it now (its tags or category may have changed). Exceptions name YAML sources only, so an added source
     * has none.
     */
    void put(Inventory inventory, Source s) {
        final int i = s.index();
        if (i >= windowsOf.length) {
            final int capacity = Math.max(i + 1, windowsOf.length * 2);
            windowsOf = Arrays.copyOf(windowsOf, capacity);
            exceptionsOf = Arrays.copyOf(exceptionsOf, capacity);
        }
        windowsOf[i] = covering(inventory, s);
    }

    /** @return true when some window or exception applies to source {@code i} */
    boolean covers(int i) {
        return windowsOf[i] != null || exceptionsOf[i] != null;
    }

    /** @return true when source {@code i} has exceptions */
    boolean hasExceptions(int i) {
        return exceptionsOf[i] != null;
    }

    /**
     * @return when a gap due at {@code sinceMs} opens once the windows and exceptions covering source {@code i}
     *     hold it back (the end of the last cover in a chain), if before {@code now}; else NONE. Sets
     *     {@link #lastReason()}: EXCEPTION_EXPIRED when an exception held it back, MAINTENANCE_OVERRUN when only
     *     windows did, null when nothing did
     */
    long heldBackUntilMs(int i, long sinceMs, long now) {
        final MaintenanceWindow[] ws = windowsOf[i];
        final int[] xs = exceptionsOf[i];
        final int covers = (ws == null ? 0 : ws.length) + (xs == null ? 0 : xs.length);
        GapReason reason = null;
        long t = sinceMs;
        for (int round = 0; round <= covers && t < now; round++) {
            long end = NONE;
            GapReason why = null;
            if (xs != null) {
                for (int x : xs) {
                    if (exceptions[x].activeAt(t) && exceptions[x].expiryMs() > end) {
                        end = exceptions[x].expiryMs();
                        why = GapReason.EXCEPTION_EXPIRED;
                    }
                }
            }
            if (ws != null) {
                for (MaintenanceWindow w : ws) {
                    final long windowEnd = w.coverEndMs(t);
                    if (windowEnd > end) {
                        end = windowEnd;
                        why = GapReason.MAINTENANCE_OVERRUN;
                    }
                }
            }
            if (end == NONE) {
                break;
            }
            t = end;
            if (reason != GapReason.EXCEPTION_EXPIRED) {
                reason = why;
            }
        }
        lastReason = reason;
        return t < now ? t : NONE;
    }

    /** @return the reason found by the last {@link #heldBackUntilMs} call */
    GapReason lastReason() {
        return lastReason;
    }

    /** @return the exception of source {@code i} in force at {@code now} that expires last, or null */
    ExceptionGrant activeException(int i, long now) {
        ExceptionGrant best = null;
        if (exceptionsOf[i] != null) {
            for (int x : exceptionsOf[i]) {
                final ExceptionGrant g = exceptions[x];
                if (g.activeAt(now) && (best == null || g.expiryMs() > best.expiryMs())) {
                    best = g;
                }
            }
        }
        return best;
    }

    /** @return the window covering source {@code i} at {@code now} that ends last, or null */
    MaintenanceWindow activeWindow(int i, long now) {
        MaintenanceWindow best = null;
        long bestEnd = NONE;
        if (windowsOf[i] != null) {
            for (MaintenanceWindow w : windowsOf[i]) {
                final long end = w.coverEndMs(now);
                if (end > bestEnd) {
                    best = w;
                    bestEnd = end;
                }
            }
        }
        return best;
    }

    /** What holds a source, and until when. */
    record Hold(String id, long untilMs) {
    }

    /**
     * @return the exception holding source {@code i} when its state is EXCEPTED, the window when MAINTENANCE, with
     *     when it ends (epoch ms); else null
     */
    Hold holdOf(int i, SourceState state, long now) {
        if (state == SourceState.EXCEPTED) {
            final ExceptionGrant g = activeException(i, now);
            return g == null ? null : new Hold(g.id(), g.expiryMs());
        }
        if (state == SourceState.MAINTENANCE) {
            final MaintenanceWindow w = activeWindow(i, now);
            return w == null ? null : new Hold(w.id(), w.coverEndMs(now));
        }
        return null;
    }

    /** @return the exceptions of source {@code i} (indexes for {@link #exception} and {@link #markTold}), or null */
    int[] exceptionsOf(int i) {
        return exceptionsOf[i];
    }

    /** @return the exception at index {@code x} */
    ExceptionGrant exception(int x) {
        return exceptions[x];
    }

    /** @return true when exception {@code x}'s expiry was not told yet, marking it told */
    boolean markTold(int x) {
        if (expiryTold[x]) {
            return false;
        }
        expiryTold[x] = true;
        return true;
    }

    /** Marks the expiry of the exception with this id told; an id no longer in the inventory is ignored. */
    void markTold(String exceptionId) {
        final Integer x = exceptionIndexById.get(exceptionId);
        if (x != null) {
            expiryTold[x] = true;
        }
    }
}
