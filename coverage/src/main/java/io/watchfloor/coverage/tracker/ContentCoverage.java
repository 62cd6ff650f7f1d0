package io.watchfloor.coverage.tracker;

import java.util.List;

/**
 * What a source's volume and content checks know at a snapshot.
 *
 * @param volumeWindowMs its volume window, ms, or -1 when volume is off
 * @param volumeCount events counted so far in the current window, or -1
 * @param volumeLowerBound the learned lower bound of the current window, or -1 while its hour-of-week warms up
 * @param volumeLowWindows windows in a row below their bound so far
 * @param requiredValues the values it must keep sending, declared and learned ({@code field=value} with more than
 *     one field); empty when it declares none
 * @param learningRequired true while values declared {@code learn} are still being learned
 */
public record ContentCoverage(long volumeWindowMs, long volumeCount, long volumeLowerBound, int volumeLowWindows,
                              List<String> requiredValues, boolean learningRequired) {
    /** A source without volume or content checks. */
    public static final ContentCoverage NONE = new ContentCoverage(-1, -1, -1, 0, List.of(), false);

    public ContentCoverage {
        requiredValues = List.copyOf(requiredValues);
    }
}
