package io.watchfloor.bench.load;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * The JSON summary of a run: setup, totals, rate, latency percentiles, and the {@code journal seqcheck} command that
 * verifies completeness.
 *
 * @param config the run's setup
 * @param totals summed over the senders
 * @param durationNs from the common start to the last sender's end
 * @param journaled events the listener journaled during the run, or -1 when not probed ({@code --api-port} unset)
 * @param journaledNs from the common start to the last change of the journaled count; 0 when not probed
 */
record LoadSummary(LoadConfig config, SenderTotals totals, long durationNs, long journaled, long journaledNs) {
    /** @return a summary without the server's journaled count */
    static LoadSummary unprobed(LoadConfig config, SenderTotals totals, long durationNs) {
        return new LoadSummary(config, totals, durationNs, -1, 0);
    }

    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    /** @return events per second over the run */
    double ratePerSec() {
        return durationNs == 0 ? 0 : totals.sent() * 1e9 / durationNs;
    }

    /** @return the command that checks the journal for exactly this run's numbers */
    String seqcheckCommand() {
        return "./watchfloor journal seqcheck --data-dir DIR --pattern 'run=" + config.tag() + " seq=(\\d+)'"
                + " --expect-first " + config.firstSeq() + " --expect-last " + (config.firstSeq() + config.count() - 1);
    }

    /** @return one JSON object */
    String toJson() {
        final StringBuilder b = new StringBuilder(512);
        b.append("{\"transport\":\"").append(config.transport().name().toLowerCase()).append('"');
        b.append(",\"target\":\"").append(config.host()).append(':').append(config.targetPort()).append('"');
        b.append(",\"tag\":\"").append(config.tag()).append('"');
        b.append(",\"workers\":").append(config.transport() == LoadConfig.Transport.UDP ? 1 : config.workers());
        if (config.transport() == LoadConfig.Transport.TCP) {
            b.append(",\"framing\":\"").append(config.framing().name().toLowerCase()).append('"');
        }
        if (config.transport() == LoadConfig.Transport.HTTP) {
            b.append(",\"batch_events\":").append(config.batchEvents());
        }
        b.append(",\"target_rate_per_sec\":").append(config.ratePerSec());
        b.append(",\"first_seq\":").append(config.firstSeq());
        b.append(",\"last_seq\":").append(config.firstSeq() + config.count() - 1);
        b.append(",\"sent\":").append(totals.sent());
        b.append(",\"failed\":").append(totals.failedEvents());
        b.append(",\"bytes\":").append(totals.bytes());
        b.append(",\"duration_ms\":").append(durationNs / 1_000_000);
        b.append(",\"rate_per_sec\":").append(Math.round(ratePerSec()));
        b.append(",\"mb_per_sec\":").append(String.format(Locale.ROOT, "%.1f",
                durationNs == 0 ? 0.0 : totals.bytes() * 1e3 / durationNs));
        if (journaled >= 0) {
            b.append(",\"journaled\":").append(journaled);
            b.append(",\"journaled_duration_ms\":").append(journaledNs / 1_000_000);
            b.append(",\"journaled_rate_per_sec\":")
                    .append(journaledNs == 0 ? 0 : Math.round(journaled * 1e9 / journaledNs));
        }
        if (config.transport() == LoadConfig.Transport.HTTP) {
            b.append(",\"requests\":").append(totals.requests());
            b.append(",\"retries_503\":").append(totals.retries());
            b.append(",\"ack_latency_us\":");
            appendLatency(b, totals.latencyUs());
        }
        b.append(",\"seqcheck\":\"").append(seqcheckCommand().replace("\\", "\\\\")).append("\"}");
        return b.toString();
    }

    private static void appendLatency(StringBuilder b, Histogram h) {
        b.append("{\"count\":").append(h.getTotalCount());
        for (double p : PERCENTILES) {
            b.append(",\"p").append(String.valueOf(p).replace(".0", "").replace('.', '_')).append("\":")
                    .append(h.getValueAtPercentile(p));
        }
        b.append(",\"max\":").append(h.getMaxValue()).append('}');
    }
}
