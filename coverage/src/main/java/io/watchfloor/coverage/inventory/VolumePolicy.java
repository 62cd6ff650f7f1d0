package io.watchfloor.coverage.inventory;

/**
 * A source's volume policy ({@code volume:} in the inventory); immutable. When enabled, its events are counted per
 * window of receive time, the lower bound of each hour-of-week is learned from those counts, and a {@code volume}
 * gap opens after {@code consecutive} windows below it.
 *
 * @param windowMs the counting window in ms, one of the lengths {@link #isValidWindowMs} accepts; -1 when off
 * @param consecutive windows in a row below the learned lower bound that open the gap (&gt;= 1); 0 when off
 */
public record VolumePolicy(long windowMs, int consecutive) {
    /** Default window: one hour, so each window falls in one hour-of-week bucket. */
    public static final long WINDOW_MS_DEFAULT = 3_600_000L;
    /** Default number of low windows in a row. */
    public static final int CONSECUTIVE_DEFAULT = 3;
    /** Most windows in a row that may be asked for. */
    public static final int CONSECUTIVE_MAX = 100;
    /** Shortest window. */
    public static final long WINDOW_MS_MIN = 60_000L;
    /** Volume is not judged (the default: it costs about 1 KB of learned state per source). */
    public static final VolumePolicy OFF = new VolumePolicy(-1, 0);
    /** {@code volume: on}: the default window and count. */
    public static final VolumePolicy DEFAULT = new VolumePolicy(WINDOW_MS_DEFAULT, CONSECUTIVE_DEFAULT);

    public VolumePolicy {
        if (!(windowMs == -1 && consecutive == 0) && (!isValidWindowMs(windowMs) || consecutive < 1
                || consecutive > CONSECUTIVE_MAX)) {
            throw new IllegalArgumentException("volume : windowMs=" + windowMs + " consecutive=" + consecutive
                    + " (expected: a window from 1m to 1d that divides a day, 1.." + CONSECUTIVE_MAX + " windows)");
        }
    }

    /** @return true when volume is judged */
    public boolean enabled() {
        return windowMs > 0;
    }

    /**
     * @return true for a window length from one minute to one day that divides a day, so windows align with UTC
     *     midnight and each lies in one hour-of-week bucket or spans whole ones
     */
    public static boolean isValidWindowMs(long windowMs) {
        return windowMs >= WINDOW_MS_MIN && windowMs <= Cadence.DAY_MS && Cadence.DAY_MS % windowMs == 0;
    }
}
