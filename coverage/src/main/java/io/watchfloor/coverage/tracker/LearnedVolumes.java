package io.watchfloor.coverage.tracker;

/**
 * The learned volume model of every source with {@code volume} on: per hour-of-week bucket (UTC, of the window's
 * start), a streaming estimate of the lower quartile of its window counts. A window's lower bound is
 * {@link #LOWER_BOUND_FACTOR} × that estimate, rounded down; a bucket with fewer than {@link #WARMUP_SAMPLES}
 * samples has none yet. So a source that sends 1,000 events an hour on weekdays and 50 at the weekend is held to
 * about half of each, and a lone quiet hour moves the bound by at most {@link #ETA} × (1 − q).
 *
 * <p>The estimator is the frugal quantile of {@link LearnedCadences} with steps relative to the estimate (at least
 * one event, so a bucket can leave zero) that never step past the sample. Tracker thread only; {@link #learn} is
 * O(1) and allocation-free. 168 floats and 168 bytes per source.
 */
final class LearnedVolumes {
    /** Quantile estimated: the lower quartile. */
    static final float QUANTILE = 0.25f;
    /** Step size of the estimator. */
    static final float ETA = 0.2f;
    /** The lower bound, as a share of the estimate. */
    static final float LOWER_BOUND_FACTOR = 0.5f;
    /** Windows a bucket needs before its bound is used: with one-hour windows, three weeks. */
    static final int WARMUP_SAMPLES = 3;

    private float[] estimate;
    private byte[] samples;

    LearnedVolumes(int sources) {
        estimate = new float[sources * LearnedCadences.BUCKETS];
        samples = new byte[sources * LearnedCadences.BUCKETS];
    }

    /** Grows to {@code sources} slots; the new ones have no samples. */
    void grow(int sources) {
        estimate = java.util.Arrays.copyOf(estimate, sources * LearnedCadences.BUCKETS);
        samples = java.util.Arrays.copyOf(samples, sources * LearnedCadences.BUCKETS);
    }

    /** Learns the count of the window of source {@code slot} that started at {@code windowStartMs}. */
    void learn(int slot, long windowStartMs, long count) {
        final int k = slot * LearnedCadences.BUCKETS + LearnedCadences.bucket(windowStartMs);
        final int n = samples[k] & 0xFF;
        final float est = estimate[k];
        if (n == 0) {
            estimate[k] = count;
        } else if (count > est) {
            estimate[k] = Math.min(count, est + ETA * QUANTILE * Math.max(est, 1f));
        } else if (count < est) {
            estimate[k] = Math.max(count, est - ETA * (1 - QUANTILE) * Math.max(est, 1f));
        }
        if (n < 255) {
            samples[k] = (byte) (n + 1);
        }
    }

    /** @return the lower bound of the window starting at {@code windowStartMs}, or -1 while its bucket warms up */
    long lowerBound(int slot, long windowStartMs) {
        final int k = slot * LearnedCadences.BUCKETS + LearnedCadences.bucket(windowStartMs);
        if ((samples[k] & 0xFF) < WARMUP_SAMPLES) {
            return -1;
        }
        return (long) (LOWER_BOUND_FACTOR * estimate[k]);
    }
}
