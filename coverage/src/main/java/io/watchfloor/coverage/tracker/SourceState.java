package io.watchfloor.coverage.tracker;

/** Whether an in-scope source is reporting, as judged on receive time at the last tick. */
public enum SourceState {
    /** Received within its {@code max_silence}. */
    REPORTING,
    /** Received before, but not within its {@code max_silence}: a gap is open. */
    SILENT,
    /** Never received since the journal began. */
    NEVER_SEEN,
    /**
     * Received within its {@code max_silence}, but most of its last events lag more than its {@code max_lag}: a
     * {@code delayed} gap is open. Counted as reporting in coverage percentages (the data arrives).
     */
    DELAYED;

    /** @return the name used in JSON ({@code reporting}, {@code silent}, {@code never_seen}, {@code delayed}) */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
