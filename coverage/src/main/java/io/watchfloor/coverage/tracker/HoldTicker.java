package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.ExceptionGrant;
import io.watchfloor.coverage.inventory.Inventory;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracker thread only: the tick of a source some maintenance window or exception covers.
 *
 * <p>Holds its gap back while covered, tells the expiries now due (before the gap an expiry opens), and sets its
 * state. Runs on ticks, never per event.
 */
final class HoldTicker {
    /** Expiries log under the tracker's name, where operators already look for them. */
    private static final Logger LOG = LoggerFactory.getLogger(CoverageTracker.class);
    private static final long NONE = SilenceDeadlines.NONE;

    private Inventory inventory;
    private final GapListener listener;
    private final SourceHolds holds;
    private final SourceStates states;
    private final SilenceDeadlines deadlines;
    private final GapLedger ledger;
    private final boolean neverSeenGaps;
    private final SourceLifecycles lifecycles;

    HoldTicker(Inventory inventory, GapListener listener, SourceHolds holds, SourceStates states,
               SilenceDeadlines deadlines, GapLedger ledger, boolean neverSeenGaps, SourceLifecycles lifecycles) {
        this.inventory = inventory;
        this.listener = listener;
        this.holds = holds;
        this.states = states;
        this.deadlines = deadlines;
        this.ledger = ledger;
        this.neverSeenGaps = neverSeenGaps;
        this.lifecycles = lifecycles;
    }

    /** Takes the inventory after a lifecycle change. */
    void inventory(Inventory next) {
        inventory = next;
    }

    /**
     * Ticks covered source {@code i}, whose silence counts from {@code lastMs}: its last receive or the monitor's last
     * start, whichever is later (or {@link SourceStates#NEVER}).
     */
    void tick(int i, long lastMs, long now) {
        final boolean neverSeen = lastMs == SourceStates.NEVER;
        long since = NONE;
        final GapType type = neverSeen ? GapType.NEVER_SEEN : GapType.SILENT;
        if (ledger.open(i) == null && (!neverSeen || neverSeenGaps)) {
            since = deadlines.silentSinceMs(i, neverSeen ? lifecycles.declaredAtMs(i) : lastMs, now);
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
            ledger.open(i, type, since, reason, now);
        }
        if (holds.activeException(i, now) != null) {
            states.state(i, SourceState.EXCEPTED);
        } else if (neverSeen) {
            final boolean inWindow = ledger.open(i) == null && holds.activeWindow(i, now) != null;
            states.state(i, inWindow ? SourceState.MAINTENANCE : SourceState.NEVER_SEEN);
        } else if (ledger.open(i) != null) {
            states.state(i, SourceState.SILENT);
        } else if (silent) {
            states.state(i, SourceState.MAINTENANCE);
        } else {
            states.state(i, states.arrivingState(i));
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
}
