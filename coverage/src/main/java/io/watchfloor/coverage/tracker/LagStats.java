package io.watchfloor.coverage.tracker;

/**
 * A source's lag (receive time − event time) over its last {@link CoverageTrackerConfig#lagWindowEvents()} events
 * that carried an event time; negative when event times are ahead of receive times. Nearest-rank quantiles.
 *
 * @param samples lags in the window (0 when no event carried an event time: the other values are then 0)
 * @param p50Ms median lag, ms
 * @param p95Ms 95th percentile lag, ms
 * @param maxMs largest lag, ms
 */
public record LagStats(int samples, long p50Ms, long p95Ms, long maxMs) {
    /** The stats of an empty window. */
    public static final LagStats EMPTY = new LagStats(0, 0, 0, 0);
}
