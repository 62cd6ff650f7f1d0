package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.HoldChange;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Lifecycle;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceChange;
import io.watchfloor.core.event.Event;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the coverage state of every inventory source and opens and closes gaps.
 *
 * <p>Single writer: every method except {@link #latestSnapshot()} must be called from one thread, the coverage
 * stage of the ring. Time only advances through {@link #onTick} (TICK events), so transitions are ordered with
 * the data. Readers on other threads call {@link #latestSnapshot()}, published on every tick and at most every
 * {@link CoverageTrackerConfig#snapshotIntervalMs()} of receive time on events.
 *
 * <p>Start-up, in this order: {@link #restoreJournalRecord} for each record read back from the coverage journal
 * (lifecycle changes, gap transitions, expiries);
 * the event journal replayed through {@link #onEvent} with {@code Event.replay() == true} (state only, no
 * transitions); then live events and ticks. A gap restored open stays open without being announced again; if
 * its source reported during the replayed downtime, the first live tick or event closes it, once, at that first
 * receive.
 *
 * <p>Maintenance windows and exceptions of the inventory hold gaps back: a silence whose gap would open inside a
 * window opens it at the window's end (reason {@code MAINTENANCE_OVERRUN}) if still silent then, and shows
 * MAINTENANCE meanwhile; a source under an exception shows EXCEPTED and opens no gap until the expiry, where a
 * silent source opens its gap (reason {@code EXCEPTION_EXPIRED}). A gap already open when a window or exception
 * begins stays open (it was alerted); the source shows EXCEPTED under an exception all the same. Every expiry is
 * told once to {@link GapListener#exceptionExpired}, also across restarts ({@link #restoreJournalRecord}).
 *
 * <p>Lifecycle: an ONBOARDING source that has not reported yet, and a RETIRED source, are out of scope: no gap,
 * no alert, not counted. Lifecycle changes ({@link #apply}) add sources (the state of the others is kept, arrays
 * grow), change them (their history is kept) or retire them (their open gaps close at the retirement). A retired
 * source that sends again is told to {@link GapListener#retiredSourceActive}, once per re-activation.
 */
public final class CoverageTracker {
    private static final Logger LOG = LoggerFactory.getLogger(CoverageTracker.class);
    private static final long NONE = SourceStates.NONE;
    /** Inventories up to this size get a snapshot built whole on every publish. */
    static final int FULL_SNAPSHOT_MAX_SOURCES = 65_536;
    /** Sources of a larger inventory's snapshot built per publish. */
    static final int SNAPSHOT_SOURCES_PER_PUBLISH = 65_536;

    private final GapListener listener;
    private final CoverageTrackerConfig config;
    private final Map<String, Integer> indexById;
    private Inventory inventory;
    private final SourceLifecycles lifecycles;
    private final SourceStates states;
    private final SilenceDeadlines deadlines;
    private final GapLedger ledger;
    private final SourceHolds holds;
    private final HoldTicker holdTicker;
    private final UnmanagedSenders unmanaged;
    private final CoverageSnapshotBuilder snapshots;
    private final MonitorDowntime downtime;
    private final VolumeWindows volumes;
    private final ContentWindows contents;
    private final SequenceNumbers sequences;
    private final boolean neverSeenGaps;
    /** The sources the next ticks must visit, by due time: a TICK visits these, not every source. */
    private final DeadlineQueue due;
    /** The sources one tick visits, sorted; grows to the most due at once. */
    private int[] dueScratch = new int[64];
    /** Until the first tick (and after a downtime is recorded), a tick visits every source once. */
    private boolean sweepAll = true;
    /** The reference behaviour for tests: every tick visits every source. */
    private boolean sweepEveryTick;
    private long nowMs;
    private long lastPublishedMs;
    private volatile CoverageSnapshot latest;

    /**
     * @param inventory the validated inventory
     * @param listener told about gap transitions on this tracker's thread
     * @param maxUnmanagedSenders distinct unmanaged senders kept (default
     *     {@link CoverageTrackerConfig#MAX_UNMANAGED_SENDERS_DEFAULT})
     * @param startedAtMs the process start time, epoch ms; the time of the first snapshot
     */
    public CoverageTracker(Inventory inventory, GapListener listener, int maxUnmanagedSenders, long startedAtMs) {
        this(inventory, listener, new CoverageTrackerConfig(maxUnmanagedSenders,
                CoverageTrackerConfig.MAX_CLOSED_GAPS_DEFAULT, CoverageTrackerConfig.SNAPSHOT_INTERVAL_MS_DEFAULT),
                startedAtMs);
    }

    /**
     * @param inventory the validated inventory
     * @param listener told about gap transitions on this tracker's thread
     * @param config bounds and snapshot cadence
     * @param startedAtMs the process start time, epoch ms; the time of the first snapshot
     */
    public CoverageTracker(Inventory inventory, GapListener listener, CoverageTrackerConfig config, long startedAtMs) {
        this.listener = listener;
        this.config = config;
        this.neverSeenGaps = config.neverSeenGaps();
        this.inventory = inventory;
        final int n = inventory.size();
        indexById = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            indexById.put(inventory.source(i).id(), i);
        }
        lifecycles = new SourceLifecycles(inventory, startedAtMs);
        states = new SourceStates(inventory, config.lagWindowEvents(), config.futureToleranceMs());
        deadlines = new SilenceDeadlines(inventory);
        ledger = new GapLedger(inventory, indexById, listener, config.maxClosedGaps());
        holds = new SourceHolds(inventory, indexById);
        holdTicker = new HoldTicker(inventory, listener, holds, states, deadlines, ledger, neverSeenGaps, lifecycles);
        unmanaged = new UnmanagedSenders(config.maxUnmanagedSenders());
        downtime = new MonitorDowntime(startedAtMs);
        final WindowSkips skips = new WindowSkips(downtime, ledger, holds);
        volumes = new VolumeWindows(inventory, ledger, skips);
        contents = new ContentWindows(inventory, ledger, skips);
        sequences = new SequenceNumbers(inventory, downtime);
        due = new DeadlineQueue(n);
        snapshots = new CoverageSnapshotBuilder(inventory, states, lifecycles, ledger, holds, unmanaged,
                config.tzToleranceMs(), volumes, contents, sequences);
        for (int i = 0; i < n; i++) {
            settleLifecycleState(i);
        }
        nowMs = startedAtMs;
        publishNow();
    }

    /**
     * Consumes one ring event: a TICK advances time ({@link #onTick}); a DATA event updates its source or the
     * unmanaged senders and, when live, closes its source's open gap.
     */
    public void onEvent(Event e) {
        if (e.isTick()) {
            if (!e.replay()) {
                onTick(e.receivedAtMs());
            }
            return;
        }
        final long receivedMs = e.receivedAtMs();
        if (receivedMs > nowMs) {
            nowMs = receivedMs;
        }
        final int i = e.sourceIndex();
        if (i >= 0 && i < states.size()) {
            onSourceEvent(e, i, receivedMs);
        } else {
            unmanaged.onEvent(e, receivedMs);
        }
        if (!e.replay() && receivedMs - lastPublishedMs >= config.snapshotIntervalMs()) {
            publish();
        }
    }

    private void onSourceEvent(Event e, int i, long receivedMs) {
        if (lifecycles.retired(i)) {
            onRetiredSourceEvent(e, i, receivedMs);
            due.armNoLaterThan(i, nowMs);
            return;
        }
        final SourceState stateBefore = states.state(i);
        final boolean delayedBefore = states.delayed(i);
        final long windowEndBefore = windowEndMs(i);
        final long previousMs = states.lastReceivedMs(i);
        if (previousMs != SourceStates.NEVER && ledger.open(i) == null && !downtime.downWithin(previousMs, receivedMs)) {
            // no adaptation while a gap is open, nor from the silence that closes it, nor across the monitor's downtime
            deadlines.learn(i, previousMs, receivedMs);
        }
        states.onReceive(i, receivedMs, EventTimes.eventTimeMs(e));
        volumes.onEvent(i, receivedMs);
        contents.onEvent(i, e, receivedMs);
        sequences.onEvent(i, e, receivedMs);
        ledger.onReceive(i, receivedMs, e.replay(), nowMs);
        if (!sweepAll) {
            armAfterEvent(i, receivedMs, stateBefore, delayedBefore, windowEndBefore);
        }
    }

    /**
     * Queues source {@code i} for the next tick when this event changed what a tick decides (its state, its delayed
     * flag, a window it closed) or the source waits for no deadline (a silent gap just closed); a learned cadence may
     * have shortened the deadline, and a window may have started. Otherwise the queued deadline stands: silence
     * deadlines only move later with new events, so the tick that finds one early re-arms it.
     */
    private void armAfterEvent(int i, long receivedMs, SourceState stateBefore, boolean delayedBefore,
                               long windowEndBefore) {
        if (states.state(i) != stateBefore || states.delayed(i) != delayedBefore || !due.armed(i)) {
            due.armNoLaterThan(i, nowMs);
            return;
        }
        final long learnedBound = deadlines.learnedLowerBoundMs(i, receivedMs);
        if (learnedBound < due.dueMs(i)) {
            due.armNoLaterThan(i, learnedBound);
        }
        if (windowEndBefore != NONE) {
            due.armNoLaterThan(i, windowEndBefore);
        }
        final long windowEnd = windowEndMs(i);
        if (windowEnd != NONE) {
            due.armNoLaterThan(i, windowEnd);
        }
    }

    /** @return when source {@code i}'s earliest volume or content window ends, or NONE */
    private long windowEndMs(int i) {
        final long volumeEnd = volumes.windowEndMs(i);
        final long contentEnd = contents.windowEndMs(i);
        if (volumeEnd == NONE) {
            return contentEnd;
        }
        return contentEnd == NONE ? volumeEnd : Math.min(volumeEnd, contentEnd);
    }

    /** The rare path: a retired source keeps its history and may raise RETIRED_SOURCE_ACTIVE, but opens no gap. */
    private void onRetiredSourceEvent(Event e, int i, long receivedMs) {
        states.onReceive(i, receivedMs, EventTimes.eventTimeMs(e));
        states.state(i, SourceState.RETIRED);
        lifecycles.onRetiredReceive(i, receivedMs);
        if (!e.replay()) {
            tellRetiredActive(i, nowMs);
        }
    }

    /** Tells source {@code i}'s re-activation if one is not told yet. */
    private void tellRetiredActive(int i, long now) {
        final long since = lifecycles.takeUntold(i);
        if (since != SourceLifecycles.NONE) {
            final RetiredSourceActivity a = new RetiredSourceActivity(inventory.source(i).id(), since, now);
            LOG.warn("Retired source sends again. source={} activeSince={}", a.sourceId(), Instant.ofEpochMilli(since));
            listener.retiredSourceActive(a, false);
        }
    }

    /**
     * Advances time to {@code nowMs}: closes restored gaps whose source reported during the replay, sets each
     * source's state, opens a gap for each source that turned SILENT without one, then publishes a snapshot.
     * Silence follows each source's cadence (static, learned, batch), counted from the later of its last receive and
     * the monitor's last start, so the monitor's own downtime never becomes a source's gap. NEVER_SEEN sources open a
     * {@code never_seen} gap only with {@link CoverageTrackerConfig#neverSeenGaps()}; a source whose lag window turned
     * DELAYED opens (or, once recovered, closes) its {@code delayed} gap here too, and the windows that ended close
     * and open or close the {@code volume} and {@code degraded} gaps (the source then shows DEGRADED).
     *
     * <p>Visits only the sources due ({@link DeadlineQueue}): the first tick visits every source; later ones the
     * sources whose silence deadline or window end passed, whose event changed their state, that a lifecycle change
     * touched, or that a maintenance window or exception covers (visited on every tick).
     */
    public void onTick(long nowMs) {
        if (nowMs > this.nowMs) {
            this.nowMs = nowMs;
        }
        final long now = this.nowMs;
        if (sweepAll || sweepEveryTick) {
            sweepAll = false;
            for (int i = 0; i < states.size(); i++) {
                due.remove(i);
                tickSource(i, now);
            }
        } else {
            // in index order, as a sweep would: the transitions of one tick are told in that order
            int count = 0;
            int i;
            while ((i = due.pollDue(now)) >= 0) {
                if (count == dueScratch.length) {
                    dueScratch = Arrays.copyOf(dueScratch, count * 2);
                }
                dueScratch[count++] = i;
            }
            Arrays.sort(dueScratch, 0, count);
            for (int k = 0; k < count; k++) {
                tickSource(dueScratch[k], now);
            }
        }
        publish();
    }

    /** Makes every tick visit every source, as before the deadline queue; the reference for tests. */
    void sweepEveryTick() {
        sweepEveryTick = true;
    }

    /** @return how many sources a tick at {@code atMs} would visit, the first tick aside; O(n), for tests */
    int sourcesDue(long atMs) {
        return due.countDue(atMs);
    }

    /** Ticks source {@code i} (everything {@link #onTick} says), then queues it for its next due time. */
    private void tickSource(int i, long now) {
        judgeSource(i, now);
        final long next = nextDueMs(i, now);
        if (next != DeadlineQueue.NOT_ARMED) {
            due.armNoLaterThan(i, Math.max(next, now + 1));
        }
    }

    /**
     * @return the earliest tick time at which ticking source {@code i} may change something, with no event before:
     *     its silence deadline (none while its gap is open: an event comes first), its window end, or the next tick
     *     while a window or exception covers it; {@link DeadlineQueue#NOT_ARMED} for a retired or waiting onboarding
     *     source
     */
    private long nextDueMs(int i, long now) {
        final long lastMs = states.lastReceivedMs(i);
        if (lifecycles.retired(i) || lifecycles.lifecycle(i) == Lifecycle.ONBOARDING && lastMs == SourceStates.NEVER) {
            return DeadlineQueue.NOT_ARMED;
        }
        if (holds.covers(i)) {
            return now + 1;
        }
        long next = DeadlineQueue.NOT_ARMED;
        if (ledger.open(i) == null) {
            if (lastMs != SourceStates.NEVER) {
                next = deadlines.dueMs(i, downtime.silenceFromMs(lastMs, now));
            } else if (neverSeenGaps) {
                next = deadlines.dueMs(i, lifecycles.declaredAtMs(i));
            }
        }
        final long windowEnd = windowEndMs(i);
        return windowEnd == NONE ? next : Math.min(next, windowEnd);
    }

    /** The tick of one source: its state, and the gaps it opens or closes. */
    private void judgeSource(int i, long now) {
        if (lifecycles.lifecycle(i) != Lifecycle.ACTIVE && tickOutOfScope(i, now)) {
            return;
        }
        ledger.closeIfReportedDuringReplay(i, now);
        final long lastMs = states.lastReceivedMs(i);
        final long fromMs = lastMs == SourceStates.NEVER ? lastMs : downtime.silenceFromMs(lastMs, now);
        if (holds.covers(i)) {
            holdTicker.tick(i, fromMs, now);
        } else if (lastMs == SourceStates.NEVER) {
            states.state(i, SourceState.NEVER_SEEN);
            if (neverSeenGaps && ledger.open(i) == null) {
                final long since = deadlines.silentSinceMs(i, lifecycles.declaredAtMs(i), now);
                if (since != NONE) {
                    ledger.open(i, GapType.NEVER_SEEN, since, null, now);
                }
            }
        } else if (ledger.open(i) != null || deadlines.silentSinceMs(i, fromMs, now) != NONE) {
            states.state(i, SourceState.SILENT);
            if (ledger.open(i) == null) {
                ledger.open(i, GapType.SILENT, deadlines.silentSinceMs(i, fromMs, now), null, now);
            }
        } else {
            states.state(i, states.arrivingState(i));
        }
        tickPartial(i, now);
        if (states.delayed(i) != (ledger.openDelayed(i) != null)) {
            onDelayedChange(i, now);
        }
    }

    /**
     * Ticks a source that is not active: a retired one (its state, gaps left open by a crash between its retirement
     * and their closing, a re-activation not told yet), or an onboarding one that has not reported.
     *
     * @return false when the source is onboarding but has reported: it is judged as active
     */
    private boolean tickOutOfScope(int i, long now) {
        if (lifecycles.retired(i)) {
            states.state(i, SourceState.RETIRED);
            closeGapsOfRetired(i, now);
            tellRetiredActive(i, now);
            return true;
        }
        if (states.lastReceivedMs(i) != SourceStates.NEVER) {
            return false;
        }
        states.state(i, SourceState.ONBOARDING);
        if (ledger.anyOpen(i)) {
            ledger.closeAll(i, now, now);
        }
        return true;
    }

    private void closeGapsOfRetired(int i, long now) {
        if (ledger.anyOpen(i)) {
            ledger.closeAll(i, Math.min(now, lifecycles.retiredAtMs(i)), now);
        }
    }

    /**
     * Applies one lifecycle change at {@code change.atMs()} (time advances to it): adds the source (every array
     * grows; the other sources' state is untouched), takes its new version (its history is kept), or retires it
     * (its open gaps close at the retirement). Tells {@link GapListener#sourceChanged} first, then publishes a
     * snapshot. Attribute events to an added source only after this returned: an event carrying an index the
     * tracker does not know yet counts as unmanaged.
     */
    public void apply(SourceChange change) {
        if (change.atMs() > nowMs) {
            nowMs = change.atMs();
        }
        final int i = applyChange(change, false);
        if (lifecycles.retired(i)) {
            closeGapsOfRetired(i, nowMs);
        }
        due.armNoLaterThan(i, nowMs);
        publishNow();
    }

    /** @return the index of the source changed */
    private int applyChange(SourceChange change, boolean replay) {
        final Integer known = indexById.get(change.sourceId());
        inventory = inventory.withSource(change.after());
        final Source s = inventory.byId(change.sourceId());
        final int i = s.index();
        if (known == null) {
            indexById.put(s.id(), i);
            due.ensureCapacity(i + 1);
            lifecycles.add(s, change.atMs());
            states.add(s);
            deadlines.add(s);
        } else {
            lifecycles.update(i, s, change.atMs());
            states.update(i, s);
            deadlines.update(i, s);
        }
        holds.put(inventory, s);
        ledger.inventory(inventory);
        volumes.put(s);
        contents.put(inventory, s);
        sequences.put(s);
        holdTicker.inventory(inventory);
        snapshots.inventory(inventory);
        settleLifecycleState(i);
        LOG.info("Inventory source {}. source={} lifecycle={} actor={} replay={}", change.action().id(), s.id(),
                s.lifecycle().id(), change.actor(), replay);
        listener.sourceChanged(change, inventory, replay);
        return i;
    }

    /** Sets source {@code i}'s state from its lifecycle at once (the next tick confirms it). */
    private void settleLifecycleState(int i) {
        final boolean never = states.lastReceivedMs(i) == SourceStates.NEVER;
        if (lifecycles.retired(i)) {
            states.state(i, SourceState.RETIRED);
        } else if (lifecycles.lifecycle(i) == Lifecycle.ONBOARDING && never) {
            states.state(i, SourceState.ONBOARDING);
        } else if (!states.state(i).inScope()) {
            states.state(i, never ? SourceState.NEVER_SEEN : states.arrivingState(i));
        }
    }

    /** @return the inventory with every lifecycle change applied so far; tracker thread only */
    public Inventory inventory() {
        return inventory;
    }

    /**
     * Closes the windows of source {@code i} that ended, opens or closes its {@code volume} and {@code degraded}
     * gaps, and shows DEGRADED while one is open. A partial gap of a source whose policy was removed closes now.
     */
    private void tickPartial(int i, long now) {
        if (volumes.tracks(i)) {
            volumes.tick(i, now);
        } else if (ledger.openOf(i, GapType.VOLUME) != null) {
            ledger.closeOf(i, GapType.VOLUME, now, now);
        }
        if (contents.tracks(i)) {
            contents.tick(i, now);
        } else if (ledger.openOf(i, GapType.DEGRADED) != null) {
            ledger.closeOf(i, GapType.DEGRADED, now, now);
        }
        final boolean partial = ledger.openOf(i, GapType.VOLUME) != null || ledger.openOf(i, GapType.DEGRADED) != null;
        if (partial != states.partial(i)) {
            states.partial(i, partial);
            final SourceState state = states.state(i);
            if (state == SourceState.REPORTING || state == SourceState.DELAYED || state == SourceState.DEGRADED) {
                states.state(i, states.arrivingState(i));
            }
        }
    }

    /**
     * Records a period when the monitor was not running (from its heartbeat records), before the event replay: a
     * source's silence is then judged from the end of the latest one at the earliest, windows overlapping one are
     * neither learned nor judged, and sequence holes or learned intervals spanning one are not counted. The
     * tracker's own start counts as a start without this call.
     *
     * @param fromMs the last sign of life before the downtime, epoch ms
     * @param toMs the start that ended it, epoch ms
     */
    public void monitorDown(long fromMs, long toMs) {
        downtime.down(fromMs, toMs);
        sweepAll = true;
    }

    /** Opens or closes the delayed gap of a source whose delayed flag and gap disagree; rare. */
    private void onDelayedChange(int i, long now) {
        if (states.delayed(i)) {
            ledger.open(i, GapType.DELAYED, states.delayedSinceMs(i), null, now);
        } else {
            final long clearedAtMs = states.delayedClearedAtMs(i);
            ledger.closeDelayed(i, clearedAtMs != NONE ? clearedAtMs : now, now);
        }
    }

    /**
     * Restores one coverage-journal record of any kind: an {@link ExceptionExpiry}, a {@link SourceChange} (applied
     * as an upsert: an added id the YAML now declares replaces it, a changed id it no longer declares is added), a
     * {@link RetiredSourceActivity}, a {@link HoldChange} (skipped: the inventory holds the windows and exceptions),
     * or a gap transition ({@link #restoreGap}). Call in journal order, before the
     * event replay: attribute the replay with {@link #inventory()} afterwards.
     *
     * @throws IllegalArgumentException when the record is none of these (a corrupt journal)
     */
    public void restoreJournalRecord(String json) {
        if (ExceptionExpiry.isJournalRecord(json)) {
            restoreExpiry(ExceptionExpiry.fromJournalJson(json));
        } else if (SourceChange.isJournalRecord(json)) {
            applyChange(SourceChange.fromJournalJson(json), true);
        } else if (RetiredSourceActivity.isJournalRecord(json)) {
            restoreRetiredActivity(RetiredSourceActivity.fromJournalJson(json));
        } else if (HoldChange.isJournalRecord(json)) {
            // the audit trail of windows and exceptions: evidence, no state
            return;
        } else {
            restoreGap(Gap.fromJournalJson(json));
        }
    }

    /**
     * Restores one expiry read back from the coverage journal, so it is not told again; the listener hears it
     * with {@code replay == true}. An exception no longer in the inventory is ignored.
     */
    public void restoreExpiry(ExceptionExpiry e) {
        holds.markTold(e.exceptionId());
        listener.exceptionExpired(e, true);
    }

    /**
     * Restores one RETIRED_SOURCE_ACTIVE read back from the coverage journal, so the replayed events that re-create
     * it do not tell it again; the listener hears it with {@code replay == true}.
     */
    public void restoreRetiredActivity(RetiredSourceActivity a) {
        final Integer i = indexById.get(a.sourceId());
        if (i != null) {
            lifecycles.markTold(i, a.activeSinceMs());
        }
        listener.retiredSourceActive(a, true);
    }

    /**
     * Restores one transition read back from the coverage journal (opened and closed records, in journal order),
     * before the event replay. The listener hears it with {@code replay == true}. A gap of a source no longer in
     * the inventory is kept in the history only.
     */
    public void restoreGap(Gap g) {
        ledger.restore(g);
    }

    /** @return a snapshot of the current state, built now; call on the tracker's thread */
    public CoverageSnapshot snapshot() {
        return snapshots.build(nowMs);
    }

    /** @return the last published snapshot; thread-safe, never null */
    public CoverageSnapshot latestSnapshot() {
        return latest;
    }

    /**
     * @return the silence a {@code cadence: learned} source is held to during the hour of {@code atMs}, or -1 for
     *     another source; tracker thread only
     */
    public long learnedThresholdMs(String sourceId, long atMs) {
        final Integer i = indexById.get(sourceId);
        return i == null ? -1 : deadlines.learnedThresholdMs(i, atMs);
    }

    /** @return the open gap of a source, or null; tracker thread only */
    public Gap openGap(String sourceId) {
        final Integer i = indexById.get(sourceId);
        return i == null ? null : ledger.open(i);
    }

    /**
     * Publishes a snapshot: built now for up to {@link #FULL_SNAPSHOT_MAX_SOURCES} sources; for more, each call
     * builds the next {@link #SNAPSHOT_SOURCES_PER_PUBLISH} sources and publishes once all are built, so a tick
     * costs a bounded amount and the published snapshot is a few ticks old (each source as of its own build).
     */
    private void publish() {
        lastPublishedMs = nowMs;
        if (states.size() <= FULL_SNAPSHOT_MAX_SOURCES) {
            latest = snapshot();
        } else {
            final CoverageSnapshot built = snapshots.advance(nowMs, SNAPSHOT_SOURCES_PER_PUBLISH);
            if (built != null) {
                latest = built;
            }
        }
    }

    /** Publishes a snapshot built now, whatever the size; for a lifecycle change, which the caller must see. */
    private void publishNow() {
        lastPublishedMs = nowMs;
        latest = snapshot();
    }
}
