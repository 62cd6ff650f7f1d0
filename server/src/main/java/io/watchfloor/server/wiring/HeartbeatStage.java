package io.watchfloor.server.wiring;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.journal.TextJournal;
import io.watchfloor.core.ring.EventStage;
import io.watchfloor.coverage.report.MonitorHeartbeats;

/**
 * Journals a heartbeat on the first TICK of every interval, so a later start knows how long the monitor was
 * down (to one interval). Runs on its own stage thread, ordered with the data by the ring.
 */
final class HeartbeatStage implements EventStage {
    /** One record a minute: about 1,440 small records a day in the coverage journal. */
    static final long HEARTBEAT_INTERVAL_MS = 60_000;

    private final TextJournal journal;
    private long lastMs = Long.MIN_VALUE;

    HeartbeatStage(TextJournal journal) {
        this.journal = journal;
    }

    @Override
    public void onEvent(Event e, boolean endOfBatch) {
        if (e.isTick() && (lastMs == Long.MIN_VALUE || e.receivedAtMs() - lastMs >= HEARTBEAT_INTERVAL_MS)) {
            lastMs = e.receivedAtMs();
            journal.append(MonitorHeartbeats.heartbeatJson(lastMs));
        }
    }
}
