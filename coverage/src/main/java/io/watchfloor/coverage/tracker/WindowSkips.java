package io.watchfloor.coverage.tracker;

/**
 * Tracker thread only: whether a closed window of a source says nothing about its volume or content, so it is
 * neither learned nor judged: the monitor was down or started inside it, the source was silent in it (a
 * {@code silent} or {@code never_seen} gap open, or closed after it began), or a maintenance window or exception
 * held the source at its start or end. Runs when windows close, never per event.
 */
final class WindowSkips {
    private final MonitorDowntime downtime;
    private final GapLedger ledger;
    private final SourceHolds holds;

    WindowSkips(MonitorDowntime downtime, GapLedger ledger, SourceHolds holds) {
        this.downtime = downtime;
        this.ledger = ledger;
        this.holds = holds;
    }

    /** @return true when source {@code i}'s window {@code [fromMs, toMs)} is to be skipped */
    boolean skip(int i, long fromMs, long toMs) {
        if (downtime.unwatched(fromMs, toMs) || ledger.open(i) != null || ledger.silenceClosedAtMs(i) > fromMs) {
            return true;
        }
        return holds.covers(i) && (held(i, fromMs) || held(i, toMs - 1));
    }

    private boolean held(int i, long atMs) {
        return holds.activeException(i, atMs) != null || holds.activeWindow(i, atMs) != null;
    }

    MonitorDowntime downtime() {
        return downtime;
    }
}
