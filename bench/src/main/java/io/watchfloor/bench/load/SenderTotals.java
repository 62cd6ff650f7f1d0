package io.watchfloor.bench.load;

import org.HdrHistogram.Histogram;

/**
 * What one sender thread did; {@link #plus} sums them.
 *
 * @param sent events written to the socket (TCP, UDP) or acknowledged with 200 (HTTP)
 * @param bytes payload bytes written, framing included
 * @param requests HTTP requests made, retries included; 0 for TCP and UDP
 * @param retries HTTP requests answered 503 (ring full) and resent from the first unaccepted line
 * @param failedEvents events given up on (HTTP error status, retries exhausted, rejected lines)
 * @param latencyUs HTTP request to acknowledgement in µs, corrected for coordinated omission; empty for TCP and UDP
 */
record SenderTotals(long sent, long bytes, long requests, long retries, long failedEvents, Histogram latencyUs) {
    /** Longest latency the histograms track: one hour in µs. */
    static final long MAX_LATENCY_US = 3_600_000_000L;
    /** Significant decimal digits the histograms keep. */
    static final int LATENCY_DIGITS = 3;

    static Histogram newHistogram() {
        return new Histogram(MAX_LATENCY_US, LATENCY_DIGITS);
    }

    /** @return totals of a sender that measures no latency */
    static SenderTotals withoutLatency(long sent, long bytes) {
        return new SenderTotals(sent, bytes, 0, 0, 0, newHistogram());
    }

    /** @return the sum of both, with merged histograms (neither argument is modified) */
    SenderTotals plus(SenderTotals o) {
        final Histogram h = latencyUs.copy();
        h.add(o.latencyUs);
        return new SenderTotals(sent + o.sent, bytes + o.bytes, requests + o.requests, retries + o.retries,
                failedEvents + o.failedEvents, h);
    }
}
