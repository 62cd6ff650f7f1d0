package io.watchfloor.coverage.tracker;

/**
 * Bounds and cadence of {@link CoverageTracker}.
 *
 * @param maxUnmanagedSenders distinct unmanaged senders kept; events of further senders only count in
 *     {@code unmanaged_overflow}
 * @param maxClosedGaps closed gaps kept in the history (open gaps are always kept)
 * @param snapshotIntervalMs shortest receive-time interval between snapshots published on events (every tick
 *     publishes one anyway)
 */
public record CoverageTrackerConfig(int maxUnmanagedSenders, int maxClosedGaps, long snapshotIntervalMs) {
    /** Default for {@link #maxUnmanagedSenders()}. */
    public static final int MAX_UNMANAGED_SENDERS_DEFAULT = 10_000;
    /** Default for {@link #maxClosedGaps()}. */
    public static final int MAX_CLOSED_GAPS_DEFAULT = 1_000;
    /** Default for {@link #snapshotIntervalMs()}. */
    public static final long SNAPSHOT_INTERVAL_MS_DEFAULT = 1_000;
    /** Every default. */
    public static final CoverageTrackerConfig DEFAULT = new CoverageTrackerConfig(
            MAX_UNMANAGED_SENDERS_DEFAULT, MAX_CLOSED_GAPS_DEFAULT, SNAPSHOT_INTERVAL_MS_DEFAULT);

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
    }
}
