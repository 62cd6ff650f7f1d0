package io.watchfloor.coverage.report;

import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.ExceptionGrant;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Lifecycle;
import io.watchfloor.coverage.inventory.MaintenanceWindow;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.tracker.CoverageSnapshot;
import io.watchfloor.coverage.tracker.Gap;
import io.watchfloor.coverage.tracker.SourceCoverage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage over a period, the body of {@code GET /api/coverage/report?from=&to=}: per source, per category and
 * overall, the minutes in each {@link PeriodState}, the gap count, the time from gap open to alert, and coverage %
 * of the period and of monitored time (the period less MONITOR_DOWN). A pure function of its inputs: immutable
 * and thread-safe, so the API thread may build one from
 * {@link io.watchfloor.coverage.tracker.CoverageTracker#latestSnapshot()}.
 *
 * <p>Time is attributed from the ledger: inside a gap by its type, inside a window or exception by the inventory
 * (whether or not the source sent then: the ledger does not record silence held back by a window), and
 * everything else is reporting, except for a source never seen by the time of the snapshot, which is never_seen
 * throughout. The period ends at the snapshot's time at the latest. The ledger in memory is bounded
 * ({@code maxClosedGaps}); a period starting before the latest closing time of an evicted gap is computed from
 * what is retained and marked {@code complete: false}.
 *
 * <p>Retired sources, and onboarding sources that have not reported, are listed per source with their history
 * ({@code counted: false}) but left out of the category and overall totals and of every denominator.
 */
public final class CoverageReport {
    private static final PeriodState[] STATES = PeriodState.values();
    private static final Category[] CATEGORIES = Category.values();

    private final Inventory inventory;
    private final List<Gap> ledger;
    private final long evictedUpToMs;
    private final long nowMs;
    private final List<SourceCoverage> live;
    private final List<MonitorDownPeriod> monitorDown;

    /**
     * @param inventory the inventory (sources, windows, exceptions)
     * @param ledger the gaps kept, open and closed
     * @param evictedUpToMs the latest closing time of a gap evicted from {@code ledger}, or Long.MIN_VALUE
     * @param nowMs the ledger's time (open gaps end here; the period is cut here)
     * @param live each source's live state in inventory order (a source with {@code lastSeenMs < 0} was never
     *     seen), or an empty list when unknown
     * @param monitorDown periods when Watchfloor was not running (empty when unknown)
     */
    public CoverageReport(Inventory inventory, List<Gap> ledger, long evictedUpToMs, long nowMs,
                          List<SourceCoverage> live, List<MonitorDownPeriod> monitorDown) {
        this.inventory = inventory;
        this.ledger = List.copyOf(ledger);
        this.evictedUpToMs = evictedUpToMs;
        this.nowMs = nowMs;
        this.live = List.copyOf(live);
        this.monitorDown = List.copyOf(monitorDown);
    }

    /** @return a report over the snapshot's inventory (lifecycle changes included), ledger and live states */
    public static CoverageReport of(CoverageSnapshot snapshot, List<MonitorDownPeriod> monitorDown) {
        return of(snapshot.inventory(), snapshot, monitorDown);
    }

    /** @return a report over the snapshot's ledger and live states */
    public static CoverageReport of(Inventory inventory, CoverageSnapshot snapshot,
                                    List<MonitorDownPeriod> monitorDown) {
        return new CoverageReport(inventory, snapshot.gaps(), snapshot.evictedUpToMs(), snapshot.atMs(),
                snapshot.sources(), monitorDown);
    }

    /**
     * @param fromMs start of the period, epoch ms
     * @param toMs end of the period, epoch ms; cut to the ledger's time
     * @return {@code from, to, generated_at, complete, history_complete_from, overall, categories, sources}, each
     *     entry with {@code minutes} (per state), {@code gaps}, {@code open_to_alert_s} ({@code count, mean, max}),
     *     {@code coverage_pct_of_period} and {@code coverage_pct_of_monitored} (null for an empty period)
     * @throws IllegalArgumentException when {@code toMs < fromMs}
     */
    public Map<String, Object> reportJson(long fromMs, long toMs) {
        if (toMs < fromMs) {
            throw new IllegalArgumentException("to : " + toMs + " (expected: >= from " + fromMs + ")");
        }
        final long from = Math.min(fromMs, nowMs);
        final long to = Math.min(toMs, nowMs);
        final Map<String, List<Gap>> gapsBySource = new HashMap<>();
        for (Gap g : ledger) {
            gapsBySource.computeIfAbsent(g.sourceId(), k -> new ArrayList<>()).add(g);
        }
        final List<long[]> down = new ArrayList<>();
        for (MonitorDownPeriod p : monitorDown) {
            down.add(new long[] {p.startMs(), p.endMs(), PeriodState.MONITOR_DOWN.ordinal()});
        }
        final Map<MaintenanceWindow, List<long[]>> occurrences = new HashMap<>();
        for (MaintenanceWindow w : inventory.maintenanceWindows()) {
            occurrences.put(w, w.occurrences(from, to));
        }
        final Totals overall = new Totals();
        final int[] inScope = new int[CATEGORIES.length];
        final Totals[] byCategory = new Totals[CATEGORIES.length];
        for (int c = 0; c < byCategory.length; c++) {
            byCategory[c] = new Totals();
        }
        final List<Object> sources = new ArrayList<>(inventory.size());
        for (Source s : inventory.sources()) {
            final List<long[]> intervals = new ArrayList<>(down);
            for (ExceptionGrant x : inventory.exceptions()) {
                if (x.sourceId().equals(s.id())) {
                    intervals.add(new long[] {x.startMs(), x.expiryMs(), PeriodState.EXCEPTED.ordinal()});
                }
            }
            for (MaintenanceWindow w : inventory.maintenanceWindows()) {
                if (w.scope().covers(s)) {
                    for (long[] o : occurrences.get(w)) {
                        intervals.add(new long[] {o[0], o[1], PeriodState.MAINTENANCE.ordinal()});
                    }
                }
            }
            final Totals t = new Totals();
            for (Gap g : gapsBySource.getOrDefault(s.id(), List.of())) {
                intervals.add(new long[] {g.openedAtMs(), g.isOpen() ? nowMs : g.closedAtMs(), stateOf(g).ordinal()});
                if (g.overlaps(from, to)) {
                    t.gaps++;
                    if (g.alertedAtMs() != Gap.UNKNOWN) {
                        t.alerted(g.alertedAtMs() - g.openedAtMs());
                    }
                }
            }
            final boolean neverSeen = s.index() < live.size() && live.get(s.index()).lastSeenMs() < 0;
            if (neverSeen) {
                intervals.add(new long[] {Long.MIN_VALUE, Long.MAX_VALUE, PeriodState.NEVER_SEEN.ordinal()});
            }
            final boolean counted = counted(s, neverSeen);
            attribute(intervals, from, to, t.ms);
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("name", s.name());
            m.put("category", s.category().id());
            m.put("lifecycle", s.lifecycle().id());
            m.put("counted", counted);
            t.putInto(m);
            sources.add(m);
            if (counted) {
                byCategory[s.category().ordinal()].add(t);
                overall.add(t);
                inScope[s.category().ordinal()]++;
            }
        }
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", iso(from));
        out.put("to", iso(to));
        out.put("generated_at", iso(nowMs));
        out.put("complete", evictedUpToMs == Long.MIN_VALUE || from >= evictedUpToMs);
        out.put("history_complete_from", evictedUpToMs == Long.MIN_VALUE ? null : iso(evictedUpToMs));
        final Map<String, Object> all = new LinkedHashMap<>();
        all.put("sources", Arrays.stream(inScope).sum());
        overall.putInto(all);
        out.put("overall", all);
        final Map<String, Object> cats = new LinkedHashMap<>();
        for (Category c : CATEGORIES) {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("sources", inScope[c.ordinal()]);
            byCategory[c.ordinal()].putInto(m);
            cats.put(c.id(), m);
        }
        out.put("categories", cats);
        out.put("sources", sources);
        return out;
    }

    /**
     * @return true when the source counts in the totals and denominators: not retired, and not onboarding without
     *     having reported (its per-source entry is listed either way, with its history)
     */
    private static boolean counted(Source s, boolean neverSeen) {
        return s.lifecycle() != Lifecycle.RETIRED && !(s.lifecycle() == Lifecycle.ONBOARDING && neverSeen);
    }

    private static PeriodState stateOf(Gap g) {
        switch (g.type()) {
            case SILENT:
                return PeriodState.SILENT;
            case NEVER_SEEN:
                return PeriodState.NEVER_SEEN;
            case DELAYED:
                return PeriodState.DELAYED;
            default:
                return PeriodState.DEGRADED;
        }
    }

    /**
     * Adds to {@code ms[state]} the time of {@code [from, to)} under each state: each elementary segment between
     * interval bounds goes to the first state (in precedence order) of the intervals covering it, else REPORTING.
     */
    static void attribute(List<long[]> intervals, long from, long to, long[] ms) {
        if (to <= from) {
            return;
        }
        final long[] bounds = new long[intervals.size() * 2 + 2];
        int n = 0;
        bounds[n++] = from;
        bounds[n++] = to;
        for (long[] iv : intervals) {
            bounds[n++] = Math.max(from, Math.min(to, iv[0]));
            bounds[n++] = Math.max(from, Math.min(to, iv[1]));
        }
        Arrays.sort(bounds, 0, n);
        for (int k = 0; k + 1 < n; k++) {
            final long a = bounds[k];
            final long b = bounds[k + 1];
            if (b == a) {
                continue;
            }
            int best = PeriodState.REPORTING.ordinal();
            for (long[] iv : intervals) {
                if (iv[0] <= a && iv[1] >= b && iv[2] < best) {
                    best = (int) iv[2];
                }
            }
            ms[best] += b - a;
        }
    }

    private static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    /** Sums over one source, a category or everything. */
    private static final class Totals {
        final long[] ms = new long[STATES.length];
        long gaps;
        long alerted;
        long alertDelaySumMs;
        long alertDelayMaxMs;

        void alerted(long delayMs) {
            alerted++;
            alertDelaySumMs += delayMs;
            alertDelayMaxMs = Math.max(alertDelayMaxMs, delayMs);
        }

        void add(Totals t) {
            for (int k = 0; k < ms.length; k++) {
                ms[k] += t.ms[k];
            }
            gaps += t.gaps;
            alerted += t.alerted;
            alertDelaySumMs += t.alertDelaySumMs;
            alertDelayMaxMs = Math.max(alertDelayMaxMs, t.alertDelayMaxMs);
        }

        void putInto(Map<String, Object> m) {
            final Map<String, Object> minutes = new LinkedHashMap<>();
            long periodMs = 0;
            long coveredMs = 0;
            for (PeriodState s : STATES) {
                minutes.put(s.id(), round2(ms[s.ordinal()] / 60_000.0));
                periodMs += ms[s.ordinal()];
                coveredMs += s.covered() ? ms[s.ordinal()] : 0;
            }
            final long monitoredMs = periodMs - ms[PeriodState.MONITOR_DOWN.ordinal()];
            m.put("minutes", minutes);
            m.put("gaps", gaps);
            final Map<String, Object> delay = new LinkedHashMap<>();
            delay.put("count", alerted);
            delay.put("mean", alerted == 0 ? null : round2(alertDelaySumMs / 1000.0 / alerted));
            delay.put("max", alerted == 0 ? null : round2(alertDelayMaxMs / 1000.0));
            m.put("open_to_alert_s", delay);
            m.put("coverage_pct_of_period", periodMs == 0 ? null : round2(coveredMs * 100.0 / periodMs));
            m.put("coverage_pct_of_monitored", monitoredMs == 0 ? null : round2(coveredMs * 100.0 / monitoredMs));
        }

        private static double round2(double v) {
            return Math.round(v * 100.0) / 100.0;
        }
    }
}
