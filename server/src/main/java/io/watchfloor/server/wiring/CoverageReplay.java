package io.watchfloor.server.wiring;

import io.watchfloor.core.event.Event;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.SourceChange;
import io.watchfloor.coverage.report.MonitorDownPeriod;
import io.watchfloor.coverage.tracker.CoverageSnapshot;
import io.watchfloor.coverage.tracker.CoverageTracker;
import io.watchfloor.coverage.tracker.GapListener;

import java.util.List;

/**
 * Runs the live coverage path offline on a timeline of receive times, deterministically: each event goes through
 * the parse stage ({@link ParseStage}: syslog or JSON by listener, then attribution) and the {@link CoverageTracker}
 * exactly as in a running server, and time advances only by TICKs, like the live tick timer: one at the start (the
 * first time given), then one every {@code tickIntervalMs} after it. A tick due at or before an event's receive time
 * comes first. Gap transitions go to the listener as live ones ({@code replay == false}).
 *
 * <p>Not thread-safe: one thread drives it, as the coverage stage drives the live tracker.
 */
public final class CoverageReplay {
    private final Inventory inventory;
    private final long tickIntervalMs;
    private final GapListener listener;
    private final PublishedInventory routing;
    private final ParseStage parse;
    private final Event tickSlot = new Event();
    private CoverageTracker tracker;
    private long startedAtMs;
    private long nextTickMs;
    private long nowMs;
    private long ticks;
    private long events;
    private List<MonitorDownPeriod> monitorDown = List.of();
    private List<SourceChange> sourceChanges = List.of();
    private int nextChange;

    /**
     * @param inventory the validated inventory
     * @param tickIntervalMs time between two ticks, as {@code coverage.tick_interval_ms} (&gt; 0)
     * @param listener told every gap transition, on the calling thread
     */
    public CoverageReplay(Inventory inventory, long tickIntervalMs, GapListener listener) {
        if (tickIntervalMs <= 0) {
            throw new IllegalArgumentException("tickIntervalMs : " + tickIntervalMs + " (expected: > 0)");
        }
        this.inventory = inventory;
        this.tickIntervalMs = tickIntervalMs;
        this.listener = listener;
        this.routing = new PublishedInventory(PublishedInventory.Routing.of(inventory));
        this.parse = new ParseStage(routing);
    }

    /**
     * Tells the replay when the monitor that wrote the journal was down (from its heartbeat records), before the
     * first event: as on the live server, that time is no source's gap, and no tick runs inside it (the server was
     * not there to tick); the first tick after a down period falls on its end, the restart.
     *
     * @param periods the down periods, oldest first
     */
    public void monitorDown(List<MonitorDownPeriod> periods) {
        if (tracker != null) {
            throw new IllegalStateException("monitor down periods must be given before the timeline starts");
        }
        monitorDown = List.copyOf(periods);
    }

    /**
     * Tells the replay the lifecycle changes the server's API made (from its coverage journal), in journal order,
     * before the first event: each is applied, as on the live server, before anything at or after its time, and
     * attribution follows the inventory it produces.
     *
     * @param changes the changes, oldest first
     */
    public void sourceChanges(List<SourceChange> changes) {
        if (tracker != null) {
            throw new IllegalStateException("source changes must be given before the timeline starts");
        }
        sourceChanges = List.copyOf(changes);
    }

    /** Applies the lifecycle changes made at or before {@code atMs} that are not applied yet. */
    private void applyChangesUpTo(long atMs) {
        while (nextChange < sourceChanges.size() && sourceChanges.get(nextChange).atMs() <= atMs) {
            tracker.apply(sourceChanges.get(nextChange++));
            routing.publish(PublishedInventory.Routing.of(tracker.inventory()));
        }
    }

    /**
     * Advances the timeline to the event's receive time, then parses, attributes and tracks it as a live event (its
     * replay flag is cleared). An event received before the timeline's time is taken in order without moving time
     * back, as the live tracker takes events the listeners stamped in a different order.
     *
     * @param e a DATA slot with raw bytes, listener, peer and receive time set; reusable after the call
     */
    public void event(Event e) {
        advanceTo(e.receivedAtMs());
        e.replay(false);
        parse.onEvent(e, false);
        tracker.onEvent(e);
        events++;
    }

    /**
     * Ticks every due tick up to and including {@code atMs}. The first call (or event) starts the timeline: the
     * tracker starts at that time and ticks once there, as a server does when it starts.
     */
    public void advanceTo(long atMs) {
        if (tracker == null) {
            startedAtMs = atMs;
            nowMs = atMs;
            tracker = new CoverageTracker(inventory, listener, Watchfloor.COVERAGE_TRACKER_CONFIG, atMs);
            for (MonitorDownPeriod p : monitorDown) {
                tracker.monitorDown(p.startMs(), p.endMs());
            }
            nextTickMs = atMs;
        }
        while (true) {
            nextTickMs = skipDownPeriods(nextTickMs);
            if (nextTickMs > atMs) {
                break;
            }
            applyChangesUpTo(nextTickMs);
            tickSlot.resetForTick(nextTickMs);
            tracker.onEvent(tickSlot);
            ticks++;
            nextTickMs += tickIntervalMs;
        }
        applyChangesUpTo(atMs);
        if (atMs > nowMs) {
            nowMs = atMs;
        }
    }

    /** @return {@code tickMs}, or the end of the down period it falls in (strictly after the period's start) */
    private long skipDownPeriods(long tickMs) {
        for (MonitorDownPeriod p : monitorDown) {
            if (tickMs > p.startMs() && tickMs < p.endMs()) {
                return p.endMs();
            }
        }
        return tickMs;
    }

    /**
     * @return the coverage as of the timeline's time, as the API would serve it after the last tick; call after the
     *     timeline started
     * @throws IllegalStateException before the first event or {@link #advanceTo}
     */
    public CoverageSnapshot snapshot() {
        if (tracker == null) {
            throw new IllegalStateException("the timeline has not started: no event and no advanceTo yet");
        }
        return tracker.snapshot();
    }

    /** @return true once the first event or {@link #advanceTo} started the timeline */
    public boolean started() {
        return tracker != null;
    }

    /** @return the time the timeline started at, epoch ms (valid once started) */
    public long startedAtMs() {
        return startedAtMs;
    }

    /** @return the timeline's time: the latest event receive time or {@link #advanceTo} target, epoch ms */
    public long nowMs() {
        return nowMs;
    }

    /** @return ticks run so far */
    public long ticks() {
        return ticks;
    }

    /** @return events tracked so far */
    public long events() {
        return events;
    }
}
