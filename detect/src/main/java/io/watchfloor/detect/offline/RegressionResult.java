package io.watchfloor.detect.offline;

import java.nio.file.Path;

/**
 * The outcome of one regression test: a rule's match count on an event file against the expected count.
 *
 * @param info the {@code info.yml} the test comes from
 * @param ruleId the rule tested
 * @param name the test's {@code name}
 * @param expected the {@code match_count}
 * @param minimum true when {@code expected} is a minimum (no {@code match_count} given, or at-least mode)
 * @param actual how many events the rule matched, or -1 when the test could not run
 * @param problem why the test could not run (rule not loaded, event file missing…), or null
 */
public record RegressionResult(Path info, String ruleId, String name, int expected, boolean minimum, int actual,
                               String problem) {
    /** @return true when the rule matched exactly {@code expected} events, or at least that many for a minimum */
    public boolean passed() {
        return problem == null && (minimum ? actual >= expected : actual == expected);
    }

    /** @return one line describing a failure */
    public String describe() {
        return info + " [" + ruleId + "] " + name + ": "
                + (problem != null ? problem : "expected " + (minimum ? "at least " : "") + expected + " matches, got " + actual);
    }
}
