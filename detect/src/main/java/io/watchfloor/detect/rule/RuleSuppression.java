package io.watchfloor.detect.rule;

import java.util.List;

/**
 * Alert suppression of one rule: after an alert, further alerts of the rule with the same group key (the values of
 * {@code groupBy} in the matching event) are counted but not raised until {@code windowMs} of event time has passed.
 * Immutable.
 *
 * <p>A rule sets it in its own YAML with the custom top-level key
 * <pre>
 * suppression:
 *   group_by: [User, Computer]   # optional; empty groups every alert of the rule together
 *   timespan: 10m                # &lt;number&gt;&lt;s|m|h|d|w&gt;, as in correlation rules; 0s turns suppression off
 * </pre>
 * and otherwise inherits the configured default ({@code detection.suppression} in {@code watchfloor.yaml}).
 *
 * @param groupBy the event fields whose values form the group key, in order; a missing field counts as empty
 * @param windowMs how long, in event time, alerts of one group are suppressed after one is raised; 0 = off
 */
public record RuleSuppression(List<String> groupBy, long windowMs) {
    /** No suppression: every match raises an alert. */
    public static final RuleSuppression OFF = new RuleSuppression(List.of(), 0);

    /** @throws IllegalArgumentException naming the value when the window is negative */
    public RuleSuppression {
        groupBy = List.copyOf(groupBy);
        if (windowMs < 0) {
            throw new IllegalArgumentException("windowMs : " + windowMs + " (expected: >= 0)");
        }
    }

    /** @return true when alerts are suppressed at all */
    public boolean enabled() {
        return windowMs > 0;
    }
}
