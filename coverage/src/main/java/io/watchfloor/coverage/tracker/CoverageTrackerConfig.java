package io.watchfloor.coverage.tracker;

/**
 * Bounds and cadence of {@link CoverageTracker}.
 *
 * @param maxUnmanagedSenders distinct unmanaged senders kept; events of further senders only count in
 *     {@code unmanaged_overflow}
 * @param maxClosedGaps closed gaps kept in the history (open gaps are always kept)
 * @param snapshotIntervalMs shortest receive-time interval between snapshots published on events (every tick
 *     publishes one anyway)
 * @param lagWindowEvents lags (receive − event time) kept per source, the window of its lag p50/p95/max and
 *     of the DELAYED decision (a majority of the window above {@code max_lag}); 4 bytes per source each
 * @param futureToleranceMs how far an event time may be ahead of its receive time before it counts as a
 *     {@code FUTURE_TIMESTAMP} finding
 * @param tzToleranceMs how close to a non-zero multiple of 30 minutes the lag median must be (and most of the
 *     window) for a {@code TZ_OFFSET_SUSPECTED} finding
 * @param neverSeenGaps when true, a declared source that never reported opens a {@code never_seen} gap once its
 *     max_silence has passed since monitoring started (off by default: the first issue opened none)
 */
public record CoverageTrackerConfig(int maxUnmanagedSenders, int maxClosedGaps, long snapshotIntervalMs,
                                    int lagWindowEvents, long futureToleranceMs, long tzToleranceMs,
                                    boolean neverSeenGaps) {
    /** Default for {@link #maxUnmanagedSenders()}. */
    public static final int MAX_UNMANAGED_SENDERS_DEFAULT = 10_000;
    /** Default for {@link #maxClosedGaps()}. */
    public static final int MAX_CLOSED_GAPS_DEFAULT = 1_000;
    /** Default for {@link #snapshotIntervalMs()}. */
    public static final long SNAPSHOT_INTERVAL_MS_DEFAULT = 1_000;
    /** Default for {@link #lagWindowEvents()}. */
    public static final int LAG_WINDOW_EVENTS_DEFAULT = 32;
    /** Largest {@link #lagWindowEvents()}. */
    public static final int LAG_WINDOW_EVENTS_MAX = 1_024;
    /** Default for {@link #futureToleranceMs()}: two minutes of clock skew are normal. */
    public static final long FUTURE_TOLERANCE_MS_DEFAULT = 120_000;
    /** Default for {@link #tzToleranceMs()}. */
    public static final long TZ_TOLERANCE_MS_DEFAULT = 120_000;
    /** Default for {@link #neverSeenGaps()}. */
    public static final boolean NEVER_SEEN_GAPS_DEFAULT = false;
    /** Every default. */
    public static final CoverageTrackerConfig DEFAULT = new CoverageTrackerConfig(
            MAX_UNMANAGED_SENDERS_DEFAULT, MAX_CLOSED_GAPS_DEFAULT, SNAPSHOT_INTERVAL_MS_DEFAULT);

    /** The first issue's bounds, with the default lag window, tolerances and no never_seen gaps. */
    public CoverageTrackerConfig(int maxUnmanagedSenders, int maxClosedGaps, long snapshotIntervalMs) {
        this(maxUnmanagedSenders, maxClosedGaps, snapshotIntervalMs, LAG_WINDOW_EVENTS_DEFAULT,
                FUTURE_TOLERANCE_MS_DEFAULT, TZ_TOLERANCE_MS_DEFAULT, NEVER_SEEN_GAPS_DEFAULT);
    }

    public CoverageTrackerConfig {
        if (maxUnmanagedSenders < 0) {
            throw new IllegalArgumentException("maxUnmanagedSenders : " + maxUnmanagedSenders + " (expected: >= 0)");
        }
        if (maxClosedGaps < 0) {
            throw new IllegalArgumentException("maxClosedGaps : " + maxClosedGaps + " (expected: >= 0)");
        }
        if (snapshotIntervalMs < 0) {
            throw new IllegalArgumentException("snapshotIntervalMs : " + snapshotIntervalMs + " (expected: >= 0)");
        }
        if (lagWindowEvents < 1 || lagWindowEvents > LAG_WINDOW_EVENTS_MAX) {
            throw new IllegalArgumentException("lagWindowEvents : " + lagWindowEvents + " (expected: 1.."
                    + LAG_WINDOW_EVENTS_MAX + ")");
        }
        if (futureToleranceMs < 0) {
            throw new IllegalArgumentException("futureToleranceMs : " + futureToleranceMs + " (expected: >= 0)");
        }
        if (tzToleranceMs < 0 || tzToleranceMs >= 15 * 60_000L) {
            throw new IllegalArgumentException("tzToleranceMs : " + tzToleranceMs + " (expected: 0..899999)");
        }
    }

    /** @return this configuration with {@link #neverSeenGaps()} set to {@code on} */
    public CoverageTrackerConfig withNeverSeenGaps(boolean on) {
        return new CoverageTrackerConfig(maxUnmanagedSenders, maxClosedGaps, snapshotIntervalMs, lagWindowEvents,
                futureToleranceMs, tzToleranceMs, on);
    }
}
