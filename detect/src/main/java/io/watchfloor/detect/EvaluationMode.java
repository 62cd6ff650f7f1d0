package io.watchfloor.detect;

/** Which rules a {@link DetectionEngine} evaluates on each event; the alerts are the same either way. */
public enum EvaluationMode {
    /**
     * Only the rules whose log source fits the event's declared log source and whose required literals occur in the
     * event's fields ({@link io.watchfloor.detect.match.RequiredLiterals}), found by one scan per field. The default.
     */
    PREFILTERED,
    /**
     * Every rule, each checking its log source and then its condition: the reference the prefilter is tested and
     * benchmarked against.
     */
    EVERY_RULE
}
