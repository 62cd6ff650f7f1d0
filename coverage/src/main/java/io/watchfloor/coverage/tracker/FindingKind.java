package io.watchfloor.coverage.tracker;

import java.util.Locale;

/**
 * Something odd about a source's clocks or sequence numbers that is worth a look but is not a gap: it opens none and
 * alerts none.
 */
public enum FindingKind {
    /** Event times ahead of receive times by more than {@link CoverageTrackerConfig#futureToleranceMs()}. */
    FUTURE_TIMESTAMP,
    /** Lags clustered near a non-zero multiple of 30 minutes: a sender writing local time as UTC, probably. */
    TZ_OFFSET_SUSPECTED,
    /** The source's sequence field skipped numbers: events lost between sender and Watchfloor. */
    SEQUENCE_GAP;

    /** @return the name used in JSON ({@code future_timestamp}, {@code tz_offset_suspected}, {@code sequence_gap}) */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
