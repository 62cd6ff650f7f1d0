package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.Inventory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracker thread only: the open gaps of every source and the bounded history of open and closed gaps.
 *
 * <p>Opens, closes, restores from the coverage journal and evicts the oldest closed gaps past
 * {@link CoverageTrackerConfig#maxClosedGaps()}; tells every transition to the {@link GapListener} and logs it.
 * Looking up the open gap on an event allocates nothing; closing it allocates only the closed record.
 */
final class GapLedger {
    /** Transitions log under the tracker's name, where operators already look for them. */
    private static final Logger LOG = LoggerFactory.getLogger(CoverageTracker.class);
    private static final long NONE = -1;

    private Inventory inventory;
    private final Map<String, Integer> indexById;
    private final GapListener listener;
    private final int maxClosedGaps;
    /** The open {@code silent} or {@code never_seen} gap of each source (they exclude each other), or null. */
    private Gap[] openGap;
    /** The open {@code delayed} gap of each source, or null. */
    private Gap[] openDelayedGap;
    /** The open {@code volume} gap of each source, or null. */
    private Gap[] openVolumeGap;
    /** The open {@code degraded} gap of each source, or null. */
    private Gap[] openDegradedGap;
    /** When each source's last {@code silent} or {@code never_seen} gap closed, or NONE. */
    private long[] silenceClosedAtMs;
    /** For a gap restored open: the first receive at or after it opened, seen during replay; else NONE. */
    private long[] firstReceiveInGapMs;
    /** Open and closed gaps, in the order they were opened (or restored). */
    private final List<Gap> gaps = new ArrayList<>();
    /** The latest closing time of a closed gap evicted from {@link #gaps}, or Long.MIN_VALUE. */
    private long evictedUpToMs = Long.MIN_VALUE;

    /** @param indexById each source id's index in {@code inventory}; read by reference, so it sees added sources */
    GapLedger(Inventory inventory, Map<String, Integer> indexById, GapListener listener, int maxClosedGaps) {
        this.inventory = inventory;
        this.indexById = indexById;
        this.listener = listener;
        this.maxClosedGaps = maxClosedGaps;
        final int n = inventory.size();
        openGap = new Gap[n];
        openDelayedGap = new Gap[n];
        openVolumeGap = new Gap[n];
        openDegradedGap = new Gap[n];
        firstReceiveInGapMs = new long[n];
        silenceClosedAtMs = new long[n];
        Arrays.fill(firstReceiveInGapMs, NONE);
        Arrays.fill(silenceClosedAtMs, NONE);
    }

    /** Takes the inventory after a lifecycle change, growing to its size (new sources have no gap). */
    void inventory(Inventory next) {
        inventory = next;
        final int before = openGap.length;
        if (next.size() > before) {
            final int capacity = Math.max(next.size(), before * 2);
            openGap = Arrays.copyOf(openGap, capacity);
            openDelayedGap = Arrays.copyOf(openDelayedGap, capacity);
            openVolumeGap = Arrays.copyOf(openVolumeGap, capacity);
            openDegradedGap = Arrays.copyOf(openDegradedGap, capacity);
            firstReceiveInGapMs = Arrays.copyOf(firstReceiveInGapMs, capacity);
            silenceClosedAtMs = Arrays.copyOf(silenceClosedAtMs, capacity);
            Arrays.fill(firstReceiveInGapMs, before, capacity, NONE);
            Arrays.fill(silenceClosedAtMs, before, capacity, NONE);
        }
    }

    /** Closes every open gap of source {@code i} at {@code closedAtMs} (it was retired then); rare. */
    void closeAll(int i, long closedAtMs, long nowMs) {
        if (openGap[i] != null) {
            close(i, closedAtMs, nowMs);
        }
        if (openDelayedGap[i] != null) {
            closeDelayed(i, closedAtMs, nowMs);
        }
        if (openVolumeGap[i] != null) {
            closeOf(i, GapType.VOLUME, closedAtMs, nowMs);
        }
        if (openDegradedGap[i] != null) {
            closeOf(i, GapType.DEGRADED, closedAtMs, nowMs);
        }
    }

    /** @return true when source {@code i} has any gap open */
    boolean anyOpen(int i) {
        return openGap[i] != null || openDelayedGap[i] != null || openVolumeGap[i] != null
                || openDegradedGap[i] != null;
    }

    /** @return the open {@code silent} or {@code never_seen} gap of source {@code i}, or null */
    Gap open(int i) {
        return openGap[i];
    }

    /** @return the open {@code delayed} gap of source {@code i}, or null */
    Gap openDelayed(int i) {
        return openDelayedGap[i];
    }

    /** @return the open gap of {@code type} of source {@code i} ({@code silent} and {@code never_seen} share one) */
    Gap openOf(int i, GapType type) {
        return slots(type)[i];
    }

    /** @return when source {@code i}'s last {@code silent} or {@code never_seen} gap closed, or NONE */
    long silenceClosedAtMs(int i) {
        return silenceClosedAtMs[i];
    }

    private Gap[] slots(GapType type) {
        switch (type) {
            case DELAYED:
                return openDelayedGap;
            case VOLUME:
                return openVolumeGap;
            case DEGRADED:
                return openDegradedGap;
            default:
                return openGap;
        }
    }

    /**
     * An event of source {@code i} arrived: live, it closes the open gap (at the first receive seen in it during
     * the replay, if any); replayed, it only notes that first receive.
     */
    void onReceive(int i, long receivedMs, boolean replay, long nowMs) {
        final Gap gap = openGap[i];
        if (gap == null) {
            return;
        }
        if (replay) {
            if (receivedMs >= gap.openedAtMs() && firstReceiveInGapMs[i] == NONE) {
                firstReceiveInGapMs[i] = receivedMs;
            }
        } else {
            close(i, firstReceiveInGapMs[i] != NONE ? firstReceiveInGapMs[i] : receivedMs, nowMs);
        }
    }

    /** Closes source {@code i}'s restored gap if the source reported during the replay. */
    void closeIfReportedDuringReplay(int i, long nowMs) {
        if (openGap[i] != null && firstReceiveInGapMs[i] != NONE) {
            close(i, firstReceiveInGapMs[i], nowMs);
        }
    }

    /** Opens a gap of {@code type} for source {@code i}, alerted at {@code nowMs}. */
    void open(int i, GapType type, long openedAtMs, GapReason reason, long nowMs) {
        open(i, type, openedAtMs, reason, null, nowMs);
    }

    /** Opens a gap of {@code type} for source {@code i} with what it found ({@code detail}, or null), alerted now. */
    void open(int i, GapType type, long openedAtMs, GapReason reason, GapDetail detail, long nowMs) {
        final Gap g = Gap.open(inventory.source(i).id(), type, openedAtMs, nowMs, reason, detail);
        slots(type)[i] = g;
        if (type == GapType.SILENT || type == GapType.NEVER_SEEN) {
            firstReceiveInGapMs[i] = NONE;
        }
        gaps.add(g);
        trimHistory();
        LOG.info("Coverage gap opened. source={} gap={} type={} openedAt={} maxSilenceMs={} reason={} detail={}",
                g.sourceId(), g.id(), type.id(), Instant.ofEpochMilli(openedAtMs), inventory.source(i).maxSilenceMs(),
                reason, detail == null ? null : detail.toJson());
        listener.gapOpened(g, false);
    }

    /** Closes source {@code i}'s open delayed gap at {@code closedAtMs}. */
    void closeDelayed(int i, long closedAtMs, long nowMs) {
        closeOf(i, GapType.DELAYED, closedAtMs, nowMs);
    }

    /** Closes source {@code i}'s open gap of {@code type} ({@code delayed}, {@code volume}, {@code degraded}). */
    void closeOf(int i, GapType type, long closedAtMs, long nowMs) {
        final Gap[] slots = slots(type);
        final Gap closed = slots[i].closeAt(closedAtMs);
        slots[i] = null;
        recordClosed(closed, nowMs);
    }

    private void close(int i, long closedAtMs, long nowMs) {
        final Gap closed = openGap[i].closeAt(closedAtMs);
        openGap[i] = null;
        firstReceiveInGapMs[i] = NONE;
        silenceClosedAtMs[i] = closed.closedAtMs();
        recordClosed(closed, nowMs);
    }

    private void recordClosed(Gap closed, long nowMs) {
        replaceOrAdd(closed);
        LOG.info("Coverage gap closed. source={} gap={} closedAt={} durationS={}",
                closed.sourceId(), closed.id(), Instant.ofEpochMilli(closed.closedAtMs()), closed.durationS(nowMs));
        listener.gapClosed(closed, false);
    }

    /**
     * Restores one transition read back from the coverage journal; the listener hears it with
     * {@code replay == true}. A gap of a source no longer in the inventory is kept in the history only.
     */
    void restore(Gap g) {
        final Integer boxed = indexById.get(g.sourceId());
        final int i = boxed == null ? -1 : boxed;
        replaceOrAdd(g);
        final boolean silence = g.type() == GapType.SILENT || g.type() == GapType.NEVER_SEEN;
        final Gap[] slots = slots(g.type());
        if (g.isOpen()) {
            if (i >= 0) {
                slots[i] = g;
                if (silence) {
                    firstReceiveInGapMs[i] = NONE;
                }
            }
            listener.gapOpened(g, true);
        } else {
            if (i >= 0 && slots[i] != null && slots[i].id().equals(g.id())) {
                slots[i] = null;
                if (silence) {
                    firstReceiveInGapMs[i] = NONE;
                }
            }
            if (i >= 0 && silence) {
                silenceClosedAtMs[i] = Math.max(silenceClosedAtMs[i], g.closedAtMs());
            }
            listener.gapClosed(g, true);
        }
    }

    /** @return open and closed gaps, oldest first; the ledger's own list, copy before handing it on */
    List<Gap> history() {
        return gaps;
    }

    /** @return the latest closing time of a closed gap evicted from the history, or Long.MIN_VALUE */
    long evictedUpToMs() {
        return evictedUpToMs;
    }

    /** Replaces the record with the same id (a transition of a gap already known), else appends it; then trims. */
    private void replaceOrAdd(Gap g) {
        final int at = indexOf(g.id());
        if (at >= 0) {
            gaps.set(at, g);
        } else {
            gaps.add(g);
        }
        trimHistory();
    }

    /** Transitions are rare, so a scan from the newest end is enough. */
    private int indexOf(String id) {
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
        for (int k = 0; closed > maxClosedGaps && k < gaps.size(); ) {
            if (!gaps.get(k).isOpen()) {
                evictedUpToMs = Math.max(evictedUpToMs, gaps.get(k).closedAtMs());
                gaps.remove(k);
                closed--;
            } else {
                k++;
            }
        }
    }
}
