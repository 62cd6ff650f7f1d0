package io.watchfloor.detect;

import io.watchfloor.detect.rule.RuleSuppression;

/**
 * Live detection settings of a {@link DetectionEngine}. Immutable; validated on construction.
 *
 * @param suppression the suppression of every rule that declares none in its YAML
 *     ({@link RuleSuppression#OFF} by default)
 * @param maxSuppressionGroups most group keys each rule's suppression keeps ({@link #MAX_SUPPRESSION_GROUPS_DEFAULT})
 * @param costSampleInterval one event in this many has each rule's evaluation timed
 *     ({@link #COST_SAMPLE_INTERVAL_DEFAULT}); 1 times every event
 * @param maxMatchedFields most field values an alert carries in {@code detection.fields}
 *     ({@link #MAX_MATCHED_FIELDS_DEFAULT})
 * @param maxMatchedValueChars longest field value an alert carries; longer ones are cut and end with an ellipsis
 *     ({@link #MAX_MATCHED_VALUE_CHARS_DEFAULT})
 */
public record DetectionConfig(RuleSuppression suppression, int maxSuppressionGroups, int costSampleInterval,
                              int maxMatchedFields, int maxMatchedValueChars) {
    /** Default of {@link #maxSuppressionGroups()}. */
    public static final int MAX_SUPPRESSION_GROUPS_DEFAULT = 10_000;
    /** Default of {@link #costSampleInterval()}: two clock reads per rule on one event in 1024 is noise. */
    public static final int COST_SAMPLE_INTERVAL_DEFAULT = 1024;
    /** Default of {@link #maxMatchedFields()}. */
    public static final int MAX_MATCHED_FIELDS_DEFAULT = 8;
    /** Default of {@link #maxMatchedValueChars()}. */
    public static final int MAX_MATCHED_VALUE_CHARS_DEFAULT = 256;
    /** Every option at its default. */
    public static final DetectionConfig DEFAULT = new DetectionConfig(RuleSuppression.OFF,
            MAX_SUPPRESSION_GROUPS_DEFAULT, COST_SAMPLE_INTERVAL_DEFAULT, MAX_MATCHED_FIELDS_DEFAULT,
            MAX_MATCHED_VALUE_CHARS_DEFAULT);

    /** @throws IllegalArgumentException naming the option and its expected range */
    public DetectionConfig {
        if (suppression == null) {
            throw new IllegalArgumentException("suppression : null (expected: a RuleSuppression, OFF for none)");
        }
        if (maxSuppressionGroups <= 0) {
            throw new IllegalArgumentException("maxSuppressionGroups : " + maxSuppressionGroups + " (expected: > 0)");
        }
        if (costSampleInterval <= 0) {
            throw new IllegalArgumentException("costSampleInterval : " + costSampleInterval + " (expected: > 0)");
        }
        if (maxMatchedFields < 0) {
            throw new IllegalArgumentException("maxMatchedFields : " + maxMatchedFields + " (expected: >= 0)");
        }
        if (maxMatchedValueChars <= 0) {
            throw new IllegalArgumentException("maxMatchedValueChars : " + maxMatchedValueChars + " (expected: > 0)");
        }
    }
}
