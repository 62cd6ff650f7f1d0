package io.watchfloor.server.wiring;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.ring.EventStage;
import io.watchfloor.detect.DetectionEngine;
import io.watchfloor.detect.rule.LogSource;
import io.watchfloor.detect.sink.AlertSink;

/** Stage 3 (detection): runs the rules on each journaled event, routed by its source's declared log source. */
final class DetectStage implements EventStage {
    private final DetectionEngine engine;
    private final LogSource[] logSources;
    private final AlertSink alerts;

    DetectStage(DetectionEngine engine, LogSource[] logSources, AlertSink alerts) {
        this.engine = engine;
        this.logSources = logSources;
        this.alerts = alerts;
    }

    @Override
    public void onEvent(Event e, boolean endOfBatch) {
        // an event the journal could not write is not accepted: it raises nothing
        if (e.isTick() || e.journalIndex() < 0) {
            return;
        }
        final int source = e.sourceIndex();
        engine.evaluate(e, source < 0 ? null : logSources[source], alerts);
    }
}
