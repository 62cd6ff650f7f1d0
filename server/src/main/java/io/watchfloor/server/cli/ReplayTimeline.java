package io.watchfloor.server.cli;

import io.watchfloor.core.event.Event;
import io.watchfloor.server.wiring.CoverageReplay;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * Drives one {@link CoverageReplay} through the events of a replay and prints the coverage map at each requested
 * time: a map for time T is printed once the timeline has passed T (so it includes the events received at T and the
 * ticks up to T), and one more at the end unless the last one was already taken there. Single-threaded.
 */
final class ReplayTimeline {
    private final CoverageReplay replay;
    private final List<Long> atMs;
    private final ReplayOutput output;
    private int nextAt;
    private long lastMapAtMs = Long.MIN_VALUE;

    /** @param atMs when to print the map, ascending, epoch ms */
    ReplayTimeline(CoverageReplay replay, List<Long> atMs, ReplayOutput output) {
        this.replay = replay;
        this.atMs = atMs;
        this.output = output;
    }

    /** Prints the maps due before the event's receive time, then replays the event. */
    void event(Event e) {
        final long t = e.receivedAtMs();
        while (nextAt < atMs.size() && atMs.get(nextAt) < t) {
            mapAt(atMs.get(nextAt++));
        }
        replay.event(e);
    }

    /**
     * Prints the maps still due, advancing the timeline to each, then the final map.
     *
     * @return false when nothing was replayed and no time was requested (there is no timeline to show)
     */
    boolean finish() {
        while (nextAt < atMs.size()) {
            mapAt(atMs.get(nextAt++));
        }
        if (!replay.started()) {
            return false;
        }
        if (lastMapAtMs != replay.nowMs()) {
            output.coverage(replay.snapshot());
        }
        output.flush();
        return true;
    }

    private void mapAt(long ms) {
        replay.advanceTo(ms);
        output.coverage(replay.snapshot());
        lastMapAtMs = replay.nowMs();
    }

    /** Prints one summary line: events, ticks, transitions and the time span replayed. */
    void summary(PrintWriter err, String extra) {
        err.println("replayed: events=" + replay.events() + extra + " ticks=" + replay.ticks() + " gaps_opened="
                + output.opened() + " gaps_closed=" + output.closed()
                + (replay.started() ? " from=" + Instant.ofEpochMilli(replay.startedAtMs()) + " to="
                + Instant.ofEpochMilli(replay.nowMs()) : ""));
        err.flush();
    }
}
