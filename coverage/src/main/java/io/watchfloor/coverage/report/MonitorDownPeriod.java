package io.watchfloor.coverage.report;

/**
 * A period when Watchfloor itself was not running, so no source was watched: reported as MONITOR_DOWN, never as
 * covered and never as a source gap.
 *
 * @param startMs first instant down, epoch ms
 * @param endMs first instant up again, epoch ms (&gt;= {@code startMs})
 */
public record MonitorDownPeriod(long startMs, long endMs) {
    public MonitorDownPeriod {
        if (endMs < startMs) {
            throw new IllegalArgumentException("monitor down period : start=" + startMs + " end=" + endMs
                    + " (expected: start <= end)");
        }
    }
}
