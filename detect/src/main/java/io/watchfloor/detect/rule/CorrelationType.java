package io.watchfloor.detect.rule;

/** The kinds of Sigma correlation rule Watchfloor evaluates (spec §correlation {@code type}). */
public enum CorrelationType {
    /** Number of events of the referenced rules per group within the timespan, compared with the condition. */
    EVENT_COUNT("event_count"),
    /** Number of distinct values of {@code condition.field} per group within the timespan. */
    VALUE_COUNT("value_count"),
    /** Every referenced rule matched, in any order, within the timespan, with the same group values. */
    TEMPORAL("temporal"),
    /** As {@link #TEMPORAL}, and the matches occurred in the order the rules are listed. */
    TEMPORAL_ORDERED("temporal_ordered");

    private final String sigmaName;

    CorrelationType(String sigmaName) {
        this.sigmaName = sigmaName;
    }

    /** @return the name used in the YAML, e.g. {@code event_count} */
    public String sigmaName() {
        return sigmaName;
    }

    /** @return the type called {@code name} in YAML, or null when there is none */
    public static CorrelationType of(String name) {
        for (CorrelationType t : values()) {
            if (t.sigmaName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
