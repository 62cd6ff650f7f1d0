package io.watchfloor.server.wiring;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.ring.EventStage;
import io.watchfloor.coverage.attribution.SourceAttributor;
import io.watchfloor.ingest.json.JsonEventParser;
import io.watchfloor.ingest.syslog.SyslogParser;

/**
 * Stage 1 of the ring: parse the raw bytes (syslog or JSON, by listener) and attribute the event to an
 * inventory source. One instance per parse thread; also used on start-up to re-derive replayed events.
 */
final class ParseStage implements EventStage {
    private final SyslogParser syslog = new SyslogParser();
    private final JsonEventParser json = new JsonEventParser();
    private final SourceAttributor attributor;

    ParseStage(SourceAttributor attributor) {
        this.attributor = attributor;
    }

    @Override
    public void onEvent(Event e, boolean endOfBatch) {
        if (e.isTick()) {
            return;
        }
        if (e.listener().isSyslog()) {
            syslog.parse(e);
        } else {
            json.parse(e);
        }
        attributor.attribute(e);
    }
}
