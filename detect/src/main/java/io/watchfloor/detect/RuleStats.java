package io.watchfloor.detect;

/**
 * What one loaded rule has done since it was loaded (carried over reloads while its id stays). A snapshot.
 *
 * @param id the rule id
 * @param title the title
 * @param level the level
 * @param file the file it was loaded from
 * @param correlation true for a correlation rule (hits are then the alerts it raised; it has no evaluation cost)
 * @param hits matches (correlation rules: alerts raised)
 * @param suppressed alerts not raised because of the rule's suppression window
 * @param evalSamples events timed for it (one event in {@link DetectionConfig#costSampleInterval()}); an event the
 *     prefilter did not hand to the rule counts too, with 0 ns, so the mean is the rule's cost per event
 * @param evalNsTotal nanoseconds its evaluations on those events took, log source check included
 */
public record RuleStats(String id, String title, String level, String file, boolean correlation, long hits,
                        long suppressed, long evalSamples, long evalNsTotal) {
    /** @return mean nanoseconds per timed event, or 0 before the first sample */
    public double evalNsMean() {
        return evalSamples == 0 ? 0 : (double) evalNsTotal / evalSamples;
    }
}
