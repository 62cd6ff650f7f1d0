package io.watchfloor.coverage.tracker;

import java.util.Arrays;

/**
 * The learned silence model of every {@code cadence: learned} source: per hour-of-week bucket (UTC), a streaming
 * estimate of the 95th percentile of the silence age reached in that hour (how long since the previous event, at
 * the next event or at the end of the hour, whichever comes first). A source is silent when its silence exceeds
 * {@link #MULTIPLIER} × the estimate of the current hour, clamped to [{@link #FLOOR_MS}, the ceiling]; an hour with
 * fewer than {@link #WARMUP_SAMPLES} samples is held to the ceiling. So a weekday-only source learns long silences
 * for the weekend hours, and short ones for weekday working hours.
 *
 * <p>The estimator is a deterministic frugal quantile: above the estimate it grows by η·q, at or below it shrinks
 * by η·(1 − q), so it settles where a share q of samples lies below it and a lone outlier moves it by at most η·q.
 * Tracker thread only; {@link #learn} costs one step per hour the interval spans (one or two for a source that
 * reports more often than hourly) and allocates nothing. 168 floats and 168 bytes per learned source.
 */
final class LearnedCadences {
    static final int BUCKETS = 168;
    static final long HOUR_MS = 3_600_000L;
    /** 1970-01-01 was a Thursday: shift so that bucket 0 is Monday 00:00 UTC. */
    private static final long EPOCH_MONDAY_SHIFT_HOURS = 3 * 24;
    /** Shortest silence a learned source is held to. */
    static final long FLOOR_MS = 60_000L;
    /** Samples an hour bucket needs before its estimate is used. */
    static final int WARMUP_SAMPLES = 3;
    /** Quantile estimated. */
    static final float QUANTILE = 0.95f;
    /** Step size of the estimator. */
    static final float ETA = 0.2f;
    /** Silence allowed, as a multiple of the estimate. */
    static final float MULTIPLIER = 2f;

    private final long ceilingMs;
    private float[] estimateMs;
    private byte[] samples;
    private int slots;

    /** @param learnedSources initial capacity in sources; {@link #addSlot} hands the slots out */
    LearnedCadences(int learnedSources, long ceilingMs) {
        this.ceilingMs = ceilingMs;
        this.estimateMs = new float[Math.max(1, learnedSources) * BUCKETS];
        this.samples = new byte[Math.max(1, learnedSources) * BUCKETS];
    }

    /** @return the longest silence a learned source is held to */
    long ceilingMs() {
        return ceilingMs;
    }

    /** @return the next free slot, with no samples yet; grows the arrays by doubling */
    int addSlot() {
        if ((slots + 1) * BUCKETS > samples.length) {
            estimateMs = Arrays.copyOf(estimateMs, slots * 2 * BUCKETS);
            samples = Arrays.copyOf(samples, slots * 2 * BUCKETS);
        }
        return slots++;
    }

    /** @return the hour-of-week bucket (0 = Monday 00:00–01:00 UTC) of {@code ms} */
    static int bucket(long ms) {
        return (int) Math.floorMod(Math.floorDiv(ms, HOUR_MS) + EPOCH_MONDAY_SHIFT_HOURS, BUCKETS);
    }

    /** Learns the silence between two receives of learned source {@code slot}; intervals past the ceiling are capped. */
    void learn(int slot, long previousMs, long receivedMs) {
        if (receivedMs <= previousMs) {
            return;
        }
        final long end = Math.min(receivedMs, previousMs + ceilingMs);
        long hourEnd = (Math.floorDiv(previousMs, HOUR_MS) + 1) * HOUR_MS;
        long at = previousMs;
        while (at < end) {
            final long segmentEnd = Math.min(hourEnd, end);
            sample(slot * BUCKETS + bucket(at), segmentEnd - previousMs);
            at = segmentEnd;
            hourEnd += HOUR_MS;
        }
    }

    private void sample(int k, long ageMs) {
        final int n = samples[k] & 0xFF;
        if (n == 0) {
            estimateMs[k] = ageMs;
        } else if (ageMs > estimateMs[k]) {
            estimateMs[k] *= 1 + ETA * QUANTILE;
        } else {
            estimateMs[k] *= 1 - ETA * (1 - QUANTILE);
        }
        if (n < 255) {
            samples[k] = (byte) (n + 1);
        }
    }

    /** @return the silence learned source {@code slot} is held to during the hour of {@code atMs} */
    long thresholdMs(int slot, long atMs) {
        final int k = slot * BUCKETS + bucket(atMs);
        if ((samples[k] & 0xFF) < WARMUP_SAMPLES) {
            return ceilingMs;
        }
        return Math.max(FLOOR_MS, Math.min(ceilingMs, (long) (MULTIPLIER * estimateMs[k])));
    }

    /**
     * @return the first time in {@code (lastMs, nowMs]} at which the silence since {@code lastMs} exceeded the
     *     threshold of its hour, or -1 when it has not; walks the hours, so call it only to confirm a gap
     */
    long silentSinceMs(int slot, long lastMs, long nowMs) {
        long hourStart = Math.floorDiv(lastMs, HOUR_MS) * HOUR_MS;
        while (hourStart <= nowMs) {
            final long crossing = lastMs + thresholdMs(slot, hourStart);
            final long from = Math.max(hourStart, lastMs);
            final long to = Math.min(hourStart + HOUR_MS, nowMs + 1);
            if (crossing < to) {
                return Math.max(from, crossing);
            }
            hourStart += HOUR_MS;
        }
        return -1;
    }
}
