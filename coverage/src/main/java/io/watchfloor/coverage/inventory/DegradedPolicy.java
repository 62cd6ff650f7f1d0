package io.watchfloor.coverage.inventory;

import java.util.List;

/**
 * A source's content-completeness policy ({@code required:} and {@code degraded:} in the inventory); immutable.
 * A {@code degraded} gap opens when a required value is missing from {@code consecutive} windows in a row (windows
 * in which the source sent nothing do not count), or when the parse failures of one window pass
 * {@code maxParseFailureRate}.
 *
 * @param required the required values per field; empty when none
 * @param windowMs the window in ms ({@link VolumePolicy#isValidWindowMs})
 * @param consecutive windows in a row a required value must be missing from (&gt;= 1)
 * @param maxParseFailureRate the share of a window's events (0 &lt; r &lt;= 1) that may fail to parse, or -1 for no
 *     limit; judged on windows of at least {@link #PARSE_FAILURE_MIN_EVENTS} events
 * @param learnWindows windows of warm-up over which learned values are collected
 */
public record DegradedPolicy(List<RequiredField> required, long windowMs, int consecutive,
                             double maxParseFailureRate, int learnWindows) {
    /** Default window. */
    public static final long WINDOW_MS_DEFAULT = VolumePolicy.WINDOW_MS_DEFAULT;
    /** Default number of windows a required value must be missing from. */
    public static final int CONSECUTIVE_DEFAULT = 3;
    /** Default warm-up of learned values: a day of hourly windows. */
    public static final int LEARN_WINDOWS_DEFAULT = 24;
    /** Fewest events a window needs before its parse-failure rate is judged. */
    public static final int PARSE_FAILURE_MIN_EVENTS = 20;
    /** Most required (or learned) values per source, over all its fields. */
    public static final int MAX_VALUES = 64;
    /** No content check. */
    public static final DegradedPolicy OFF = new DegradedPolicy(List.of(), WINDOW_MS_DEFAULT, CONSECUTIVE_DEFAULT,
            -1, LEARN_WINDOWS_DEFAULT);

    public DegradedPolicy {
        required = List.copyOf(required);
        if (!VolumePolicy.isValidWindowMs(windowMs) || consecutive < 1 || consecutive > VolumePolicy.CONSECUTIVE_MAX
                || learnWindows < 1 || !(maxParseFailureRate == -1
                || (maxParseFailureRate > 0 && maxParseFailureRate <= 1))) {
            throw new IllegalArgumentException("degraded : windowMs=" + windowMs + " consecutive=" + consecutive
                    + " maxParseFailureRate=" + maxParseFailureRate + " learnWindows=" + learnWindows
                    + " (expected: a window from 1m to 1d that divides a day, 1.." + VolumePolicy.CONSECUTIVE_MAX
                    + " windows, a rate in (0, 1] or -1, learnWindows >= 1)");
        }
        int values = 0;
        for (RequiredField f : required) {
            values += f.values().size();
        }
        if (values > MAX_VALUES) {
            throw new IllegalArgumentException("required values : " + values + " (expected: at most " + MAX_VALUES
                    + ")");
        }
    }

    /** @return true when anything is judged */
    public boolean enabled() {
        return !required.isEmpty() || maxParseFailureRate > 0;
    }
}
