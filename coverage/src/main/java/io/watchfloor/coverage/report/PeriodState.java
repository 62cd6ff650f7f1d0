package io.watchfloor.coverage.report;

import java.util.Locale;

/**
 * What a source's time in a period is counted as, in precedence order: where several apply at once, the first one
 * listed wins (a gap inside a maintenance window counts as maintenance; anything while the monitor was down counts
 * as monitor_down).
 */
public enum PeriodState {
    /** Watchfloor was not running: excluded from monitored time. */
    MONITOR_DOWN(false),
    /** Under an inventory exception: not covered. */
    EXCEPTED(false),
    /** Inside a maintenance window of its scope: not covered. */
    MAINTENANCE(false),
    /** Inside a {@code silent} gap: not covered. */
    SILENT(false),
    /** Inside a {@code never_seen} gap, or never seen at all by the time of the report: not covered. */
    NEVER_SEEN(false),
    /** Inside a {@code volume} or {@code degraded} gap: not covered. */
    DEGRADED(false),
    /** Inside a {@code delayed} gap: covered (the data arrives, late). */
    DELAYED(true),
    /** None of the above: covered. */
    REPORTING(true);

    private final boolean covered;

    PeriodState(boolean covered) {
        this.covered = covered;
    }

    /** @return true when time in this state counts as covered */
    public boolean covered() {
        return covered;
    }

    /** @return the JSON key ({@code monitor_down}, {@code excepted}, …) */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
