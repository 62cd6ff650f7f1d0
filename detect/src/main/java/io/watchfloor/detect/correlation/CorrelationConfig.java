package io.watchfloor.detect.correlation;

/**
 * Bounds and the lateness policy of a {@link CorrelationEngine}. Immutable; validated on construction.
 *
 * @param maxGroupsPerCorrelation most group-by keys a correlation keeps; beyond it the least recently updated group
 *     is evicted and counted ({@link #MAX_GROUPS_PER_CORRELATION_DEFAULT})
 * @param allowedLatenessMs how far behind the newest event time seen by a correlation an event may be and still
 *     count; older events are counted as late-dropped and not applied ({@link #ALLOWED_LATENESS_MS_DEFAULT})
 * @param maxEventsPerGroup most events a group's window holds; beyond it the oldest is dropped and counted
 *     ({@link #MAX_EVENTS_PER_GROUP_DEFAULT})
 * @param maxEventRefsPerAlert most contributing event references (journal indexes or line numbers) an alert lists;
 *     the newest are kept ({@link #MAX_EVENT_REFS_PER_ALERT_DEFAULT})
 */
public record CorrelationConfig(int maxGroupsPerCorrelation, long allowedLatenessMs, int maxEventsPerGroup,
                                int maxEventRefsPerAlert) {
    /** Default of {@link #maxGroupsPerCorrelation()}. */
    public static final int MAX_GROUPS_PER_CORRELATION_DEFAULT = 10_000;
    /** Default of {@link #allowedLatenessMs()}: one minute. */
    public static final long ALLOWED_LATENESS_MS_DEFAULT = 60_000L;
    /** Default of {@link #maxEventsPerGroup()}. */
    public static final int MAX_EVENTS_PER_GROUP_DEFAULT = 10_000;
    /** Default of {@link #maxEventRefsPerAlert()}. */
    public static final int MAX_EVENT_REFS_PER_ALERT_DEFAULT = 100;
    /** Every option at its default. */
    public static final CorrelationConfig DEFAULT = new CorrelationConfig(MAX_GROUPS_PER_CORRELATION_DEFAULT,
            ALLOWED_LATENESS_MS_DEFAULT, MAX_EVENTS_PER_GROUP_DEFAULT, MAX_EVENT_REFS_PER_ALERT_DEFAULT);

    /** @throws IllegalArgumentException naming the option and its expected range */
    public CorrelationConfig {
        if (maxGroupsPerCorrelation <= 0) {
            throw new IllegalArgumentException("maxGroupsPerCorrelation : " + maxGroupsPerCorrelation + " (expected: > 0)");
        }
        if (allowedLatenessMs < 0) {
            throw new IllegalArgumentException("allowedLatenessMs : " + allowedLatenessMs + " (expected: >= 0)");
        }
        if (maxEventsPerGroup <= 0) {
            throw new IllegalArgumentException("maxEventsPerGroup : " + maxEventsPerGroup + " (expected: > 0)");
        }
        if (maxEventRefsPerAlert <= 0) {
            throw new IllegalArgumentException("maxEventRefsPerAlert : " + maxEventRefsPerAlert + " (expected: > 0)");
        }
    }
}
