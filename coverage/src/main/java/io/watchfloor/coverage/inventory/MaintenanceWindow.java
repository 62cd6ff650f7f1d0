package io.watchfloor.coverage.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A planned period in which the sources of a scope may be silent: silence inside it is MAINTENANCE (no gap, no
 * alert, not covered); a silence that outlasts it opens a gap at its end. Either one-off ({@code start}, {@code
 * end}) or weekly ({@code days}, {@code from}, {@code to} in a fixed UTC offset; {@code to} at or before {@code
 * from} runs past midnight into the next day). Immutable and thread-safe; {@link #coverEndMs} allocates nothing.
 *
 * @param id unique id, used in logs and reports
 * @param scope the sources it applies to
 * @param startMs one-off: first covered instant, epoch ms; weekly: -1
 * @param endMs one-off: first instant no longer covered, epoch ms; weekly: -1
 * @param daysMask weekly: bit 0 = Monday … bit 6 = Sunday, the local days on which it starts; one-off: 0
 * @param fromMs weekly: local start time, ms after midnight; one-off: -1
 * @param toMs weekly: local end time, ms after midnight; one-off: -1
 * @param offsetMs weekly: the local time's offset from UTC, in ms ({@code +02:00} is 7,200,000); one-off: 0
 */
public record MaintenanceWindow(String id, SourceScope scope, long startMs, long endMs, int daysMask, long fromMs,
                                long toMs, long offsetMs) {
    /** Names of the days, in bit order, as written in YAML. */
    public static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final long DAY_MS = Cadence.DAY_MS;
    /** Epoch day 0 (1970-01-01) was a Thursday, day 3 when Monday is day 0. */
    private static final int EPOCH_WEEKDAY = 3;

    public MaintenanceWindow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        if (daysMask == 0 && startMs >= endMs) {
            throw new IllegalArgumentException("window " + id + " : start=" + startMs + " end=" + endMs
                    + " (expected: start < end)");
        }
        if (daysMask != 0 && (daysMask >>> 7 != 0 || fromMs < 0 || fromMs >= DAY_MS || toMs < 0 || toMs >= DAY_MS
                || fromMs == toMs)) {
            throw new IllegalArgumentException("window " + id + " : days=" + daysMask + " from=" + fromMs + " to="
                    + toMs + " (expected: days within mon..sun, 0 <= from, to < 1 day, from != to)");
        }
    }

    /** @return a one-off window covering {@code [startMs, endMs)} */
    public static MaintenanceWindow oneOff(String id, SourceScope scope, long startMs, long endMs) {
        return new MaintenanceWindow(id, scope, startMs, endMs, 0, -1, -1, 0);
    }

    /** @return a window starting every local day of {@code daysMask} at {@code fromMs}, ending at {@code toMs} */
    public static MaintenanceWindow weekly(String id, SourceScope scope, int daysMask, long fromMs, long toMs,
                                           long offsetMs) {
        return new MaintenanceWindow(id, scope, -1, -1, daysMask, fromMs, toMs, offsetMs);
    }

    /** @return true for a recurring weekly window */
    public boolean isWeekly() {
        return daysMask != 0;
    }

    /** @return the length of one weekly occurrence, in ms */
    private long durationMs() {
        return Math.floorMod(toMs - fromMs, DAY_MS);
    }

    /** @return the end (exclusive, epoch ms) of the occurrence covering {@code atMs}, or -1 when none does */
    public long coverEndMs(long atMs) {
        if (!isWeekly()) {
            return atMs >= startMs && atMs < endMs ? endMs : -1;
        }
        final long local = atMs + offsetMs;
        final long day = Math.floorDiv(local, DAY_MS);
        final long duration = durationMs();
        for (long d = day; d >= day - 1; d--) {
            final long start = d * DAY_MS + fromMs;
            if (startsOn(d) && local >= start && local < start + duration) {
                return start + duration - offsetMs;
            }
        }
        return -1;
    }

    /** @return the occurrences overlapping {@code [fromMs, toMs)}, each {@code {start, end}} in epoch ms, in order */
    public List<long[]> occurrences(long fromMs, long toMs) {
        final List<long[]> out = new ArrayList<>();
        if (!isWeekly()) {
            if (startMs < toMs && endMs > fromMs) {
                out.add(new long[] {startMs, endMs});
            }
            return out;
        }
        final long duration = durationMs();
        final long lastDay = Math.floorDiv(toMs + offsetMs, DAY_MS);
        for (long d = Math.floorDiv(fromMs + offsetMs, DAY_MS) - 1; d <= lastDay; d++) {
            final long start = d * DAY_MS + this.fromMs - offsetMs;
            if (startsOn(d) && start < toMs && start + duration > fromMs) {
                out.add(new long[] {start, start + duration});
            }
        }
        return out;
    }

    private boolean startsOn(long epochDay) {
        return (daysMask & (1 << (int) Math.floorMod(epochDay + EPOCH_WEEKDAY, 7))) != 0;
    }
}
