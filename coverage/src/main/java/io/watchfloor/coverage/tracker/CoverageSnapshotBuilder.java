package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import java.util.ArrayList;
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

    /** @return the coverage as of {@code nowMs} */
    CoverageSnapshot build(long nowMs) {
        final int n = states.size();
        final LagWindows lags = states.lags();
        final List<SourceCoverage> sources = new ArrayList<>(n);
        final int[][] counts = new int[CATEGORIES.length][1 + SourceState.values().length];
        final int[] scratch = new int[lags.window()];
        final int[] near = new int[1];
        for (int i = 0; i < n; i++) {
            final Source s = inventory.source(i);
            final SourceState state = states.state(i);
            final long lastMs = states.lastReceivedMs(i);
            final LagStats lag = lags.stats(i, scratch);
            final Gap open = ledger.open(i);
            final Gap openDelayed = ledger.openDelayed(i);
            final SourceHolds.Hold hold = holds.holdOf(i, state, nowMs);
            final Gap openVolume = ledger.openOf(i, GapType.VOLUME);
            final Gap openDegraded = ledger.openOf(i, GapType.DEGRADED);
            final boolean expected = state == SourceState.NEVER_SEEN || state == SourceState.ONBOARDING;
            sources.add(new SourceCoverage(s, state, lastMs == SourceStates.NEVER ? NONE : lastMs,
                    states.lastEventTimeMs(i), states.events(i), open == null ? null : open.id(), lag,
                    findings(i, lag, scratch, near), openDelayed == null ? null : openDelayed.id(),
                    hold == null ? null : hold.id(), hold == null ? NONE : hold.untilMs(),
                    openVolume == null ? null : openVolume.id(), openDegraded == null ? null : openDegraded.id(),
                    content(i, s, nowMs), expected ? lifecycles.declaredAtMs(i) : NONE));
            final int[] c = counts[s.category().ordinal()];
            if (state.inScope()) {
                c[0]++;
            }
            c[1 + state.ordinal()]++;
        }
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
        return new CoverageSnapshot(nowMs, categories, sources, unmanaged.senders(), unmanaged.overflow(),
                ledger.history(), ledger.evictedUpToMs(), inventory);
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
