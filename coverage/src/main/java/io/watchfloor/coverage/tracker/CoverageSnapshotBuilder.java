package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tracker thread only: builds a {@link CoverageSnapshot} from the tracker's state.
 *
 * <p>Per-source coverage with lag statistics, findings, holds and content checks, per-category counts, unmanaged senders and the
 * gap history. Allocates, so it runs on ticks and at most every snapshot interval on events.
 */
final class CoverageSnapshotBuilder {
    /** Lags needed in the window before a time-zone offset is suspected. */
    static final int TZ_MIN_SAMPLES = 8;
    /** Share of the window that must sit near the offset. */
    static final double TZ_MIN_SHARE = 0.8;
    private static final Category[] CATEGORIES = Category.values();
    private static final long NONE = SourceStates.NONE;

    private Inventory inventory;
    private final SourceStates states;
    private final SourceLifecycles lifecycles;
    private final GapLedger ledger;
    private final SourceHolds holds;
    private final UnmanagedSenders unmanaged;
    private final long tzToleranceMs;
    private final VolumeWindows volumes;
    private final ContentWindows contents;
    private final SequenceNumbers sequences;
    /** The snapshot {@link #advance} is building, or null. */
    private Pass pass;

    CoverageSnapshotBuilder(Inventory inventory, SourceStates states, SourceLifecycles lifecycles, GapLedger ledger,
                            SourceHolds holds, UnmanagedSenders unmanaged, long tzToleranceMs, VolumeWindows volumes,
                            ContentWindows contents, SequenceNumbers sequences) {
        this.inventory = inventory;
        this.states = states;
        this.lifecycles = lifecycles;
        this.ledger = ledger;
        this.holds = holds;
        this.unmanaged = unmanaged;
        this.tzToleranceMs = tzToleranceMs;
        this.volumes = volumes;
        this.contents = contents;
        this.sequences = sequences;
    }

    /** Takes the inventory after a lifecycle change. */
    void inventory(Inventory next) {
        inventory = next;
    }

    /** @return the coverage as of {@code nowMs}, built now: O(sources) */
    CoverageSnapshot build(long nowMs) {
        pass = null;
        final int n = states.size();
        final Pass all = new Pass(n, states.lags().window());
        all.add(this, 0, n, nowMs);
        return all.snapshot(this, nowMs);
    }

    /**
     * Builds the next {@code budget} sources of the snapshot in progress (starting one when none is), so that a
     * large inventory's snapshot costs a bounded amount per tick.
     *
     * @return the snapshot once its last source is built, as of {@code nowMs}; else null
     */
    CoverageSnapshot advance(long nowMs, int budget) {
        final int n = states.size();
        if (pass == null || pass.sources.length != n) {
            pass = new Pass(n, states.lags().window());
        }
        final int from = pass.built;
        final int to = (int) Math.min(n, (long) from + budget);
        pass.add(this, from, to, nowMs);
        if (to < n) {
            return null;
        }
        final CoverageSnapshot out = pass.snapshot(this, nowMs);
        pass = null;
        return out;
    }

    /** A snapshot being built: its sources so far and their counts per category and state. */
    private static final class Pass {
        final SourceCoverage[] sources;
        final int[][] counts = new int[CATEGORIES.length][1 + SourceState.values().length];
        final int[] scratch;
        final int[] near = new int[1];
        int built;

        Pass(int n, int lagWindow) {
            sources = new SourceCoverage[n];
            scratch = new int[lagWindow];
        }

        void add(CoverageSnapshotBuilder b, int from, int to, long nowMs) {
            for (int i = from; i < to; i++) {
                final SourceCoverage c = b.source(i, nowMs, scratch, near);
                sources[i] = c;
                final int[] row = counts[c.source().category().ordinal()];
                if (c.state().inScope()) {
                    row[0]++;
                }
                row[1 + c.state().ordinal()]++;
            }
            built = to;
        }

        CoverageSnapshot snapshot(CoverageSnapshotBuilder b, long nowMs) {
            return new CoverageSnapshot(nowMs, categories(counts), Arrays.asList(sources), b.unmanaged.senders(),
                    b.unmanaged.overflow(), b.ledger.history(), b.ledger.evictedUpToMs(), b.inventory);
        }
    }

    private static List<CategoryCoverage> categories(int[][] counts) {
        final List<CategoryCoverage> categories = new ArrayList<>(CATEGORIES.length);
        final int reporting = 1 + SourceState.REPORTING.ordinal();
        final int delayedAt = 1 + SourceState.DELAYED.ordinal();
        for (Category cat : CATEGORIES) {
            final int[] c = counts[cat.ordinal()];
            final int arriving = c[reporting] + c[delayedAt];
            categories.add(new CategoryCoverage(cat, c[0], arriving, c[1 + SourceState.SILENT.ordinal()],
                    c[1 + SourceState.NEVER_SEEN.ordinal()], CategoryCoverage.percent(arriving, c[0]), c[delayedAt],
                    c[1 + SourceState.MAINTENANCE.ordinal()], c[1 + SourceState.EXCEPTED.ordinal()],
                    c[1 + SourceState.DEGRADED.ordinal()], c[1 + SourceState.ONBOARDING.ordinal()],
                    c[1 + SourceState.RETIRED.ordinal()]));
        }
        return categories;
    }

    private SourceCoverage source(int i, long nowMs, int[] scratch, int[] near) {
        final Source s = inventory.source(i);
        final SourceState state = states.state(i);
        final long lastMs = states.lastReceivedMs(i);
        final LagStats lag = states.lags().stats(i, scratch);
        final Gap open = ledger.open(i);
        final Gap openDelayed = ledger.openDelayed(i);
        final SourceHolds.Hold hold = holds.holdOf(i, state, nowMs);
        final Gap openVolume = ledger.openOf(i, GapType.VOLUME);
        final Gap openDegraded = ledger.openOf(i, GapType.DEGRADED);
        final boolean expected = state == SourceState.NEVER_SEEN || state == SourceState.ONBOARDING;
        return new SourceCoverage(s, state, lastMs == SourceStates.NEVER ? NONE : lastMs,
                states.lastEventTimeMs(i), states.events(i), open == null ? null : open.id(), lag,
                findings(i, lag, scratch, near), openDelayed == null ? null : openDelayed.id(),
                hold == null ? null : hold.id(), hold == null ? NONE : hold.untilMs(),
                openVolume == null ? null : openVolume.id(), openDegraded == null ? null : openDegraded.id(),
                content(i, s, nowMs), expected ? lifecycles.declaredAtMs(i) : NONE);
    }

    private ContentCoverage content(int i, Source s, long nowMs) {
        if (!volumes.tracks(i) && !contents.tracks(i)) {
            return ContentCoverage.NONE;
        }
        return new ContentCoverage(s.content().volume().windowMs(), volumes.currentCount(i),
                volumes.lowerBound(i, nowMs), volumes.lowStreak(i), contents.requiredValues(i), contents.learning(i));
    }

    private List<SourceFinding> findings(int i, LagStats lag, int[] scratch, int[] near) {
        List<SourceFinding> out = List.of();
        final SourceFinding future = states.futureTimestampFinding(i);
        if (future != null) {
            out = new ArrayList<>(3);
            out.add(future);
        }
        final SourceFinding sequence = sequences.finding(i);
        if (sequence != null) {
            if (out.isEmpty()) {
                out = new ArrayList<>(3);
            }
            out.add(sequence);
        }
        final SourceFinding retiredActive = lifecycles.retiredActiveFinding(i);
        if (retiredActive != null) {
            if (out.isEmpty()) {
                out = new ArrayList<>(3);
            }
            out.add(retiredActive);
        }
        if (lag.samples() >= TZ_MIN_SAMPLES) {
            final long offsetMs = states.lags().suspectedOffsetMs(i, scratch, tzToleranceMs, TZ_MIN_SHARE, near);
            if (offsetMs != 0) {
                if (out.isEmpty()) {
                    out = new ArrayList<>(1);
                }
                out.add(new SourceFinding(FindingKind.TZ_OFFSET_SUSPECTED, near[0], states.lastReceivedMs(i),
                        offsetMs));
            }
        }
        return out;
    }
}
