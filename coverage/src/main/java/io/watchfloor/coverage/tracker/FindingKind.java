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
    SEQUENCE_GAP,
    /**
     * A retired source sent events after its retirement; raised as an alert once per re-activation (its first event
     * after the retirement or after a silence longer than its {@code max_silence}).
     */
    RETIRED_SOURCE_ACTIVE;

    /** @return the name used in JSON ({@code future_timestamp}, {@code tz_offset_suspected}, {@code sequence_gap}) */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
