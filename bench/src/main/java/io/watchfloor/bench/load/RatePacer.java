package io.watchfloor.bench.load;

/**
 * A fixed-rate schedule: event {@code i} (from 0) is due at {@code startNs + ceil(i * 1e9 / ratePerSec)}; rate 0
 * means flat out, everything due at once from the start. Senders ask how many events are due by now and send that
 * many in one write, so pacing costs nothing per event. Integer arithmetic, exact for rates up to 1e9/s and runs of
 * any length. Immutable; time is a parameter ({@code nowNs}).
 */
final class RatePacer {
    private static final long NS_PER_SEC = 1_000_000_000L;
    /** Largest rate the exact integer arithmetic supports. */
    static final long MAX_RATE_PER_SEC = NS_PER_SEC;

    private final long startNs;
    private final long ratePerSec;

    /**
     * @param startNs when event 0 is due
     * @param ratePerSec events per second, or 0 for flat out
     */
    RatePacer(long startNs, long ratePerSec) {
        if (ratePerSec < 0 || ratePerSec > MAX_RATE_PER_SEC) {
            throw new IllegalArgumentException("ratePerSec: " + ratePerSec + " (expected: 0.." + MAX_RATE_PER_SEC
                    + ", 0 = flat out)");
        }
        this.startNs = startNs;
        this.ratePerSec = ratePerSec;
    }

    /** @return true when there is no rate limit */
    boolean flatOut() {
        return ratePerSec == 0;
    }

    /**
     * @return how many events (counted from 0) are due at {@code nowNs}: none before the start, then
     *     {@code Long.MAX_VALUE} when flat out
     */
    long dueBy(long nowNs) {
        final long elapsedNs = nowNs - startNs;
        if (elapsedNs < 0) {
            return 0;
        }
        if (flatOut()) {
            return Long.MAX_VALUE;
        }
        // events 0..floor(elapsed * rate / 1e9) are due; split to keep the product inside a long
        return elapsedNs / NS_PER_SEC * ratePerSec + (elapsedNs % NS_PER_SEC) * ratePerSec / NS_PER_SEC + 1;
    }

    /** @return when event {@code i} is due (its intended send time); {@code startNs} when flat out */
    long dueAtNs(long i) {
        if (flatOut()) {
            return startNs;
        }
        final long rem = i % ratePerSec;
        return startNs + i / ratePerSec * NS_PER_SEC + (rem * NS_PER_SEC + ratePerSec - 1) / ratePerSec;
    }

    /** @return the expected interval between events in ns, for coordinated-omission correction; 0 when flat out */
    long intervalNs() {
        return flatOut() ? 0 : NS_PER_SEC / ratePerSec;
    }
}
