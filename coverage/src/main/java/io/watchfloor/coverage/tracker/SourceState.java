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
    DELAYED,
    /**
     * Received within its cadence, but a partial gap is open: a {@code volume} gap (fewer events than learned) or a
     * {@code degraded} one (required event types missing, or too many parse failures). Not counted as covered.
     */
    DEGRADED,
    /**
     * Not reporting within its cadence (or never seen) while a maintenance window covers it: no gap, no alert, and
     * not counted as covered. A silence that outlasts the window opens a gap at the window's end.
     */
    MAINTENANCE,
    /**
     * An exception is in force for it: no gap opens, whatever it sends, until the exception expires; not counted
     * as covered. Silent at the expiry, it opens a gap there with reason {@code EXCEPTION_EXPIRED}.
     */
    EXCEPTED,
    /**
     * Declared {@code lifecycle: onboarding} and not reported yet: listed, but neither counted in coverage nor
     * alerted; its first event makes it judged like an active source.
     */
    ONBOARDING,
    /**
     * Declared {@code lifecycle: retired}: left out of every coverage denominator and never opens a gap; its history
     * is kept. An event from it raises {@code RETIRED_SOURCE_ACTIVE}.
     */
    RETIRED;

    /** @return true when a source in this state counts in coverage (in scope): all but ONBOARDING and RETIRED */
    public boolean inScope() {
        return this != ONBOARDING && this != RETIRED;
    }

    /**
     * @return the name used in JSON ({@code reporting}, {@code silent}, {@code never_seen}, {@code delayed},
     *     {@code degraded}, {@code maintenance}, {@code excepted}, {@code onboarding}, {@code retired})
     */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
