package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.Cadence;
import io.watchfloor.coverage.inventory.CadenceType;
import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.ExceptionGrant;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.MaintenanceWindow;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.core.event.EcsFields;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.SyslogFields;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
 * <p>Start-up, in this order: {@link #restoreGap} for each transition read back from the coverage journal;
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
 */
public final class CoverageTracker {
    private static final Logger LOG = LoggerFactory.getLogger(CoverageTracker.class);
    private static final long NEVER = Long.MIN_VALUE;
    private static final long NONE = -1;
    private static final Category[] CATEGORIES = Category.values();
    /** Lags needed in the window before a time-zone offset is suspected. */
    static final int TZ_MIN_SAMPLES = 8;
    /** Share of the window that must sit near the offset. */
    static final double TZ_MIN_SHARE = 0.8;

    private final Inventory inventory;
    private final GapListener listener;
    private final CoverageTrackerConfig config;
    private final Map<String, Integer> indexById;

    private final long[] lastReceivedMs;
    private final long[] lastEventTimeMs;
    private final long[] events;
    private final long[] maxSilenceMs;
    private final SourceState[] state;
    /** The open {@code silent} or {@code never_seen} gap of each source (they exclude each other), or null. */
    private final Gap[] openGap;
    /** The open {@code delayed} gap of each source, or null. */
    private final Gap[] openDelayedGap;
    /** For a gap restored open: the first receive at or after it opened, seen during replay; else NONE. */
    private final long[] firstReceiveInGapMs;

    private final LagWindows lags;
    /** Whether most of the lag window is above max_lag, as of the last event. */
    private final boolean[] delayed;
    /** Receive time of the event that made the source delayed (the delayed gap's start), or NONE. */
    private final long[] delayedSinceMs;
    /** Receive time of the event that ended the last delayed period, or NONE. */
    private final long[] delayedClearedAtMs;
    private final long[] futureEvents;
    private final long[] futureLastAtMs;
    private final long[] futureMaxAheadMs;
    private final long futureToleranceMs;
    private final long startedAtMs;
    private final Cadence[] cadence;
    /** Slot of each learned source in {@link #learned}, or -1. */
    private final int[] learnedSlot;
    private final LearnedCadences learned;

    private final SourceHolds holds;
    /** The latest closing time of a closed gap evicted from the in-memory history, or Long.MIN_VALUE. */
    private long evictedUpToMs = Long.MIN_VALUE;

    private final LinkedHashMap<String, UnmanagedEntry> unmanaged;
    private UnmanagedEntry lastUnmanaged;
    private long unmanagedOverflow;

    /** Open and closed gaps, in the order they were opened (or restored). */
    private final List<Gap> gaps = new ArrayList<>();

    private final boolean neverSeenGaps;
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
        this.inventory = inventory;
        this.listener = listener;
        this.config = config;
        final int n = inventory.size();
        indexById = new HashMap<>(n * 2);
        lastReceivedMs = new long[n];
        lastEventTimeMs = new long[n];
        events = new long[n];
        maxSilenceMs = new long[n];
        state = new SourceState[n];
        openGap = new Gap[n];
        firstReceiveInGapMs = new long[n];
        openDelayedGap = new Gap[n];
        final long[] maxLagMs = new long[n];
        delayed = new boolean[n];
        delayedSinceMs = new long[n];
        delayedClearedAtMs = new long[n];
        futureEvents = new long[n];
        futureLastAtMs = new long[n];
        futureMaxAheadMs = new long[n];
        futureToleranceMs = config.futureToleranceMs();
        this.startedAtMs = startedAtMs;
        this.neverSeenGaps = config.neverSeenGaps();
        cadence = new Cadence[n];
        learnedSlot = new int[n];
        int learnedSources = 0;
        long ceilingMs = Cadence.LEARNED_CEILING_MS_DEFAULT;
        for (int i = 0; i < n; i++) {
            final Source s = inventory.source(i);
            cadence[i] = s.cadence();
            learnedSlot[i] = s.cadence().type() == CadenceType.LEARNED ? learnedSources++ : -1;
            if (learnedSlot[i] >= 0) {
                ceilingMs = s.maxSilenceMs();
            }
        }
        learned = new LearnedCadences(learnedSources, ceilingMs);
        for (int i = 0; i < n; i++) {
            final Source s = inventory.source(i);
            indexById.put(s.id(), i);
            lastReceivedMs[i] = NEVER;
            lastEventTimeMs[i] = NONE;
            maxSilenceMs[i] = s.maxSilenceMs();
            state[i] = SourceState.NEVER_SEEN;
            firstReceiveInGapMs[i] = NONE;
            maxLagMs[i] = s.maxLagMs();
            delayedSinceMs[i] = NONE;
            delayedClearedAtMs[i] = NONE;
            futureLastAtMs[i] = NONE;
        }
        lags = new LagWindows(n, config.lagWindowEvents(), maxLagMs);
        holds = new SourceHolds(inventory, indexById);
        unmanaged = new LinkedHashMap<>(Math.min(1024, Math.max(16, config.maxUnmanagedSenders())));
        nowMs = startedAtMs;
        publish();
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
        if (i >= 0 && i < lastReceivedMs.length) {
            onSourceEvent(e, i, receivedMs);
        } else {
            onUnmanagedEvent(e, receivedMs);
        }
        if (!e.replay() && receivedMs - lastPublishedMs >= config.snapshotIntervalMs()) {
            publish();
        }
    }

    private void onSourceEvent(Event e, int i, long receivedMs) {
        if (learnedSlot[i] >= 0 && lastReceivedMs[i] != NEVER && openGap[i] == null) {
            // no adaptation while a gap is open, nor from the silence that closes it
            learned.learn(learnedSlot[i], lastReceivedMs[i], receivedMs);
        }
        if (receivedMs > lastReceivedMs[i]) {
            lastReceivedMs[i] = receivedMs;
        }
        final long eventTimeMs = eventTimeMs(e);
        if (eventTimeMs != NONE) {
            lastEventTimeMs[i] = eventTimeMs;
            onLag(i, receivedMs, receivedMs - eventTimeMs);
        }
        events[i]++;
        state[i] = delayed[i] ? SourceState.DELAYED : SourceState.REPORTING;
        final Gap gap = openGap[i];
        if (gap != null) {
            if (e.replay()) {
                if (receivedMs >= gap.openedAtMs() && firstReceiveInGapMs[i] == NONE) {
                    firstReceiveInGapMs[i] = receivedMs;
                }
            } else {
                closeGap(i, firstReceiveInGapMs[i] != NONE ? firstReceiveInGapMs[i] : receivedMs);
            }
        }
    }

    /** Records one lag; notes where a delayed period starts or ends (the gaps move on ticks). */
    private void onLag(int i, long receivedMs, long lagMs) {
        if (-lagMs > futureToleranceMs) {
            onFutureTimestamp(i, receivedMs, -lagMs);
        }
        final boolean nowDelayed = lags.record(i, lagMs);
        if (nowDelayed != delayed[i]) {
            delayed[i] = nowDelayed;
            if (nowDelayed) {
                delayedSinceMs[i] = receivedMs;
                delayedClearedAtMs[i] = NONE;
            } else {
                delayedClearedAtMs[i] = receivedMs;
            }
        }
    }

    private void onFutureTimestamp(int i, long receivedMs, long aheadMs) {
        futureEvents[i]++;
        futureLastAtMs[i] = receivedMs;
        if (aheadMs > futureMaxAheadMs[i]) {
            futureMaxAheadMs[i] = aheadMs;
        }
    }

    /**
     * Advances time to {@code nowMs}: closes restored gaps whose source reported during the replay, sets each
     * source's state, opens a gap for each source that turned SILENT without one, then publishes a snapshot.
     * Silence follows each source's cadence (static, learned, batch). NEVER_SEEN sources open a {@code never_seen}
     * gap only with {@link CoverageTrackerConfig#neverSeenGaps()}; a source whose lag window turned DELAYED opens
     * (or, once recovered, closes) its {@code delayed} gap here too.
     */
    public void onTick(long nowMs) {
        if (nowMs > this.nowMs) {
            this.nowMs = nowMs;
        }
        final long now = this.nowMs;
        final long[] last = lastReceivedMs;
        for (int i = 0; i < last.length; i++) {
            if (openGap[i] != null && firstReceiveInGapMs[i] != NONE) {
                closeGap(i, firstReceiveInGapMs[i]);
            }
            final long lastMs = last[i];
            if (holds.covers(i)) {
                tickCovered(i, lastMs, now);
            } else if (lastMs == NEVER) {
                state[i] = SourceState.NEVER_SEEN;
                if (neverSeenGaps && openGap[i] == null) {
                    final long since = silentSinceMs(i, startedAtMs, now);
                    if (since != NONE) {
                        openGap(i, GapType.NEVER_SEEN, since, null);
                    }
                }
            } else if (openGap[i] != null || silentSinceMs(i, lastMs, now) != NONE) {
                state[i] = SourceState.SILENT;
                if (openGap[i] == null) {
                    openGap(i, GapType.SILENT, silentSinceMs(i, lastMs, now), null);
                }
            } else {
                state[i] = delayed[i] ? SourceState.DELAYED : SourceState.REPORTING;
            }
            if (delayed[i] != (openDelayedGap[i] != null)) {
                onDelayedChange(i);
            }
        }
        publish();
    }

    /**
     * The tick of a source some window or exception applies to: holds its gap back while covered, tells the
     * expiries now due (before the gap an expiry opens), and sets its state.
     */
    private void tickCovered(int i, long lastMs, long now) {
        long since = NONE;
        GapType type = lastMs == NEVER ? GapType.NEVER_SEEN : GapType.SILENT;
        if (openGap[i] == null && (lastMs != NEVER || neverSeenGaps)) {
            since = silentSinceMs(i, lastMs == NEVER ? startedAtMs : lastMs, now);
        }
        final boolean silent = since != NONE;
        GapReason reason = null;
        if (silent) {
            since = holds.heldBackUntilMs(i, since, now);
            reason = holds.lastReason();
        }
        if (holds.hasExceptions(i)) {
            tellExpiries(i, now, since != NONE && reason == GapReason.EXCEPTION_EXPIRED
                    ? Gap.idOf(inventory.source(i).id(), type, since) : null, since);
        }
        if (since != NONE) {
            openGap(i, type, since, reason);
        }
        if (holds.activeException(i, now) != null) {
            state[i] = SourceState.EXCEPTED;
        } else if (lastMs == NEVER) {
            final boolean inWindow = openGap[i] == null && holds.activeWindow(i, now) != null;
            state[i] = inWindow ? SourceState.MAINTENANCE : SourceState.NEVER_SEEN;
        } else if (openGap[i] != null) {
            state[i] = SourceState.SILENT;
        } else if (silent) {
            state[i] = SourceState.MAINTENANCE;
        } else {
            state[i] = delayed[i] ? SourceState.DELAYED : SourceState.REPORTING;
        }
    }

    /**
     * Tells each expiry of source {@code i} before {@code now} (like gaps: on the first tick after it) and not told
     * yet; {@code gapId}, opening at {@code gapAtMs}, is named in the expiry it belongs to.
     */
    private void tellExpiries(int i, long now, String gapId, long gapAtMs) {
        for (int x : holds.exceptionsOf(i)) {
            final ExceptionGrant g = holds.exception(x);
            if (g.expiryMs() < now && holds.markTold(x)) {
                final ExceptionExpiry e = new ExceptionExpiry(g.id(), g.sourceId(), g.expiryMs(),
                        gapId != null && gapAtMs == g.expiryMs() ? gapId : null);
                LOG.info("Coverage exception expired. source={} exception={} expiredAt={} gap={}", g.sourceId(),
                        g.id(), Instant.ofEpochMilli(g.expiryMs()), e.gapId());
                listener.exceptionExpired(e, false);
            }
        }
    }

    /**
     * @return when the silence since {@code lastMs} became a gap under source {@code i}'s cadence, if it has by
     *     {@code now}; else NONE. Static: {@code lastMs + max_silence}; batch: the grace end of the first due run not
     *     met; learned: the first moment past the threshold of its hour of the week
     */
    private long silentSinceMs(int i, long lastMs, long now) {
        final long silenceMs = now - lastMs;
        switch (cadence[i].type()) {
            case BATCH: {
                final long deadline = cadence[i].batchDeadlineMs(lastMs);
                return now > deadline ? deadline : NONE;
            }
            case LEARNED:
                if (silenceMs <= LearnedCadences.FLOOR_MS) {
                    return NONE;
                }
                final long since = learned.silentSinceMs(learnedSlot[i], lastMs, now);
                return since >= 0 && since < now ? since : NONE;
            default:
                return silenceMs > maxSilenceMs[i] ? lastMs + maxSilenceMs[i] : NONE;
        }
    }

    /** Opens or closes the delayed gap of a source whose delayed flag and gap disagree; rare. */
    private void onDelayedChange(int i) {
        if (delayed[i]) {
            openGap(i, GapType.DELAYED, delayedSinceMs[i], null);
        } else {
            final long at = delayedClearedAtMs[i] != NONE ? delayedClearedAtMs[i] : nowMs;
            final Gap closed = openDelayedGap[i].closeAt(at);
            openDelayedGap[i] = null;
            recordClosed(closed);
        }
    }

    /**
     * Restores one coverage-journal record of either kind: an {@link ExceptionExpiry} record, or a gap transition
     * ({@link #restoreGap}). Call in journal order, before the event replay.
     *
     * @throws IllegalArgumentException when the record is neither (a corrupt journal)
     */
    public void restoreJournalRecord(String json) {
        if (ExceptionExpiry.isJournalRecord(json)) {
            restoreExpiry(ExceptionExpiry.fromJournalJson(json));
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
     * Restores one transition read back from the coverage journal (opened and closed records, in journal order),
     * before the event replay. The listener hears it with {@code replay == true}. A gap of a source no longer in
     * the inventory is kept in the history only.
     */
    public void restoreGap(Gap g) {
        final Integer boxed = indexById.get(g.sourceId());
        final int i = boxed == null ? -1 : boxed;
        final int at = indexOfGap(g.id());
        if (at >= 0) {
            gaps.set(at, g);
        } else {
            gaps.add(g);
        }
        final boolean delayedGap = g.type() == GapType.DELAYED;
        if (g.isOpen()) {
            if (i >= 0 && delayedGap) {
                openDelayedGap[i] = g;
            } else if (i >= 0) {
                openGap[i] = g;
                firstReceiveInGapMs[i] = NONE;
            }
            listener.gapOpened(g, true);
        } else {
            if (i >= 0 && delayedGap && openDelayedGap[i] != null && openDelayedGap[i].id().equals(g.id())) {
                openDelayedGap[i] = null;
            } else if (i >= 0 && openGap[i] != null && openGap[i].id().equals(g.id())) {
                openGap[i] = null;
                firstReceiveInGapMs[i] = NONE;
            }
            listener.gapClosed(g, true);
        }
        trimHistory();
    }

    /** @return a snapshot of the current state, built now; call on the tracker's thread */
    public CoverageSnapshot snapshot() {
        final int n = lastReceivedMs.length;
        final List<SourceCoverage> sources = new ArrayList<>(n);
        final int[][] counts = new int[CATEGORIES.length][1 + SourceState.values().length];
        final int[] scratch = new int[lags.window()];
        final int[] near = new int[1];
        for (int i = 0; i < n; i++) {
            final Source s = inventory.source(i);
            final LagStats lag = lags.stats(i, scratch);
            sources.add(new SourceCoverage(s, state[i], lastReceivedMs[i] == NEVER ? NONE : lastReceivedMs[i],
                    lastEventTimeMs[i], events[i], openGap[i] == null ? null : openGap[i].id(), lag,
                    findings(i, lag, scratch, near), openDelayedGap[i] == null ? null : openDelayedGap[i].id(),
                    heldBy(i), heldUntilMs(i)));
            final int[] c = counts[s.category().ordinal()];
            c[0]++;
            c[1 + state[i].ordinal()]++;
        }
        final List<CategoryCoverage> categories = new ArrayList<>(CATEGORIES.length);
        final int reporting = 1 + SourceState.REPORTING.ordinal();
        final int delayedAt = 1 + SourceState.DELAYED.ordinal();
        for (Category cat : CATEGORIES) {
            final int[] c = counts[cat.ordinal()];
            final int arriving = c[reporting] + c[delayedAt];
            categories.add(new CategoryCoverage(cat, c[0], arriving, c[1 + SourceState.SILENT.ordinal()],
                    c[1 + SourceState.NEVER_SEEN.ordinal()], CategoryCoverage.percent(arriving, c[0]), c[delayedAt],
                    c[1 + SourceState.MAINTENANCE.ordinal()], c[1 + SourceState.EXCEPTED.ordinal()]));
        }
        final List<UnmanagedSender> senders = new ArrayList<>(unmanaged.size());
        for (UnmanagedEntry u : unmanaged.values()) {
            senders.add(new UnmanagedSender(u.host, u.peer, u.events, u.firstSeenMs, u.lastSeenMs));
        }
        return new CoverageSnapshot(nowMs, categories, sources, senders, unmanagedOverflow, gaps, evictedUpToMs);
    }

    /** @return the id of the exception (EXCEPTED) or window (MAINTENANCE) holding source {@code i}, or null */
    private String heldBy(int i) {
        if (state[i] == SourceState.EXCEPTED) {
            final ExceptionGrant g = holds.activeException(i, nowMs);
            return g == null ? null : g.id();
        }
        if (state[i] == SourceState.MAINTENANCE) {
            final MaintenanceWindow w = holds.activeWindow(i, nowMs);
            return w == null ? null : w.id();
        }
        return null;
    }

    /** @return when what {@link #heldBy} names ends, epoch ms, or -1 */
    private long heldUntilMs(int i) {
        if (state[i] == SourceState.EXCEPTED) {
            final ExceptionGrant g = holds.activeException(i, nowMs);
            return g == null ? NONE : g.expiryMs();
        }
        if (state[i] == SourceState.MAINTENANCE) {
            final MaintenanceWindow w = holds.activeWindow(i, nowMs);
            return w == null ? NONE : w.coverEndMs(nowMs);
        }
        return NONE;
    }

    private List<SourceFinding> findings(int i, LagStats lag, int[] scratch, int[] near) {
        List<SourceFinding> out = List.of();
        if (futureEvents[i] > 0) {
            out = new ArrayList<>(2);
            out.add(new SourceFinding(FindingKind.FUTURE_TIMESTAMP, futureEvents[i], futureLastAtMs[i],
                    futureMaxAheadMs[i]));
        }
        if (lag.samples() >= TZ_MIN_SAMPLES) {
            final long offsetMs = lags.suspectedOffsetMs(i, scratch, config.tzToleranceMs(), TZ_MIN_SHARE, near);
            if (offsetMs != 0) {
                if (out.isEmpty()) {
                    out = new ArrayList<>(1);
                }
                out.add(new SourceFinding(FindingKind.TZ_OFFSET_SUSPECTED, near[0], lastReceivedMs[i], offsetMs));
            }
        }
        return out;
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
        return i == null || learnedSlot[i] < 0 ? -1 : learned.thresholdMs(learnedSlot[i], atMs);
    }

    /** @return the open gap of a source, or null; tracker thread only */
    public Gap openGap(String sourceId) {
        final Integer i = indexById.get(sourceId);
        return i == null ? null : openGap[i];
    }

    private void publish() {
        lastPublishedMs = nowMs;
        latest = snapshot();
    }

    private void openGap(int i, GapType type, long openedAtMs, GapReason reason) {
        final Gap g = Gap.open(inventory.source(i).id(), type, openedAtMs, nowMs, reason);
        if (type == GapType.DELAYED) {
            openDelayedGap[i] = g;
        } else {
            openGap[i] = g;
            firstReceiveInGapMs[i] = NONE;
        }
        gaps.add(g);
        trimHistory();
        LOG.info("Coverage gap opened. source={} gap={} type={} openedAt={} maxSilenceMs={} reason={}",
                g.sourceId(), g.id(), type.id(), Instant.ofEpochMilli(openedAtMs), maxSilenceMs[i], reason);
        listener.gapOpened(g, false);
    }

    private void closeGap(int i, long closedAtMs) {
        final Gap closed = openGap[i].closeAt(closedAtMs);
        openGap[i] = null;
        firstReceiveInGapMs[i] = NONE;
        recordClosed(closed);
    }

    private void recordClosed(Gap closed) {
        final int at = indexOfGap(closed.id());
        if (at >= 0) {
            gaps.set(at, closed);
        } else {
            gaps.add(closed);
        }
        trimHistory();
        LOG.info("Coverage gap closed. source={} gap={} closedAt={} durationS={}",
                closed.sourceId(), closed.id(), Instant.ofEpochMilli(closed.closedAtMs()), closed.durationS(nowMs));
        listener.gapClosed(closed, false);
    }

    /** Transitions are rare, so a scan from the newest end is enough. */
    private int indexOfGap(String id) {
        for (int k = gaps.size() - 1; k >= 0; k--) {
            if (gaps.get(k).id().equals(id)) {
                return k;
            }
        }
        return -1;
    }

    private void trimHistory() {
        int closed = 0;
        for (Gap g : gaps) {
            if (!g.isOpen()) {
                closed++;
            }
        }
        for (int k = 0; closed > config.maxClosedGaps() && k < gaps.size(); ) {
            if (!gaps.get(k).isOpen()) {
                evictedUpToMs = Math.max(evictedUpToMs, gaps.get(k).closedAtMs());
                gaps.remove(k);
                closed--;
            } else {
                k++;
            }
        }
    }

    private void onUnmanagedEvent(Event e, long receivedMs) {
        UnmanagedEntry u = lastUnmanaged;
        if (u == null || !u.sameSender(e)) {
            final String host = EcsFields.hostName(e);
            final String key = host != null ? host : "";
            u = unmanaged.get(key);
            if (u == null) {
                if (unmanaged.size() >= config.maxUnmanagedSenders()) {
                    unmanagedOverflow++;
                    return;
                }
                u = new UnmanagedEntry(key.isEmpty() ? null : host, EcsFields.peerString(e.peer()), receivedMs);
                unmanaged.put(key, u);
            }
            lastUnmanaged = u;
        }
        u.events++;
        if (receivedMs > u.lastSeenMs) {
            u.lastSeenMs = receivedMs;
        }
        if (u.peer == null && e.peer() != null) {
            u.peer = EcsFields.peerString(e.peer());
        }
    }

    /** @return the event time the event carries (syslog TIMESTAMP, JSON {@code @timestamp}), or NONE */
    static long eventTimeMs(Event e) {
        if (!e.isJson()) {
            final SyslogFields s = e.syslog();
            return s.hasTimestamp() ? s.timestampEpochMillis() : NONE;
        }
        final Object t = e.json().get("@timestamp");
        if (t instanceof Long) {
            return (Long) t;
        }
        if (t instanceof String) {
            final String text = (String) t;
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException notOffset) {
                try {
                    return Instant.parse(text).toEpochMilli();
                } catch (DateTimeParseException unparseable) {
                    return NONE;
                }
            }
        }
        return NONE;
    }
}
