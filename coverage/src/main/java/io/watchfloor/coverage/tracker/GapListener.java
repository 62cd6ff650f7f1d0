package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.SourceChange;

/**
 * Told about gap transitions by {@link CoverageTracker}, on the tracker's (coverage stage) thread. The server
 * journals live transitions and raises {@code coverage.gap.opened} / {@code coverage.gap.closed} alerts.
 *
 * <p>{@code replay == true} means the transition was read back from the coverage journal at start-up through
 * {@link CoverageTracker#restoreGap}: it is already journaled and alerted, so do neither again.
 */
public interface GapListener {
    /** A listener that ignores every transition. */
    GapListener NONE = new GapListener() {
        @Override
        public void gapOpened(Gap gap, boolean replay) {
        }

        @Override
        public void gapClosed(Gap gap, boolean replay) {
        }
    };

    /** @param gap the gap just opened ({@code closedAtMs == -1}) */
    void gapOpened(Gap gap, boolean replay);

    /** @param gap the gap just closed, with its closing time */
    void gapClosed(Gap gap, boolean replay);

    /**
     * An inventory exception expired; told before the gap it opens, if any. Journal it with
     * {@link ExceptionExpiry#toJournalJson()} and restore it through {@link CoverageTracker#restoreJournalRecord},
     * so it is told once across restarts. Ignored by default.
     *
     * @param expiry the expiry, with the id of the gap it opens or null
     * @param replay true when read back from the coverage journal at start-up
     */
    default void exceptionExpired(ExceptionExpiry expiry, boolean replay) {
    }

    /**
     * A lifecycle change was applied (a source added, changed or retired); told before the transitions it causes
     * (a retired source's open gaps close right after). Journal it with {@link SourceChange#toJournalJson()} and
     * restore it through {@link CoverageTracker#restoreJournalRecord}. Ignored by default.
     *
     * @param change the change, with the source before and after
     * @param inventory the inventory it produced
     * @param replay true when read back from the coverage journal at start-up
     */
    default void sourceChanged(SourceChange change, Inventory inventory, boolean replay) {
    }

    /**
     * A retired source sent again: told once per re-activation, also across restarts. Journal it with
     * {@link RetiredSourceActivity#toJournalJson()} and raise {@code RETIRED_SOURCE_ACTIVE}. Ignored by default.
     *
     * @param replay true when read back from the coverage journal at start-up
     */
    default void retiredSourceActive(RetiredSourceActivity activity, boolean replay) {
    }
}
