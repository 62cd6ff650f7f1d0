package io.watchfloor.server.wiring;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.ring.EventStage;
import io.watchfloor.coverage.attribution.SourceAttributor;
import io.watchfloor.ingest.json.JsonEventParser;
import io.watchfloor.ingest.syslog.SyslogParser;

/**
 * Stage 1 of the ring: parse the raw bytes (syslog or JSON, by listener) and attribute the event to an
 * inventory source. One instance per parse thread; also used on start-up to re-derive replayed events.
 *
 * <p>Attribution follows the {@link PublishedInventory}: one volatile read per event, and when a lifecycle change
 * published a new routing, a copy of its compiled attributor with this thread's own cache.
 */
final class ParseStage implements EventStage {
    private final SyslogParser syslog = new SyslogParser();
    private final JsonEventParser json = new JsonEventParser();
    private final PublishedInventory published;
    private PublishedInventory.Routing routing;
    private SourceAttributor attributor;

    ParseStage(PublishedInventory published) {
        this.published = published;
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
        final PublishedInventory.Routing r = published.current();
        if (r != routing) {
            routing = r;
            attributor = new SourceAttributor(r.attributor());
        }
        attributor.attribute(e);
    }
}
