package io.watchfloor.server.wiring;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.ring.EventStage;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.tracker.CoverageTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 3 (coverage): feeds every event and TICK to the tracker, then applies the lifecycle changes waiting in the
 * {@link SourceChangeQueue}, on this stage's thread (the tracker's single writer), and publishes the routing of the
 * inventory each produces. When nothing waits, that costs one volatile read per event.
 */
final class CoverageStage implements EventStage {
    private static final Logger LOG = LoggerFactory.getLogger(CoverageStage.class);

    private final CoverageTracker tracker;
    private final SourceChangeQueue changes;
    private final PublishedInventory published;

    CoverageStage(CoverageTracker tracker, SourceChangeQueue changes, PublishedInventory published) {
        this.tracker = tracker;
        this.changes = changes;
        this.published = published;
    }

    @Override
    public void onEvent(Event e, boolean endOfBatch) {
        tracker.onEvent(e);
        if (!changes.isEmpty()) {
            applyChanges();
        }
    }

    /** The rare path: applies each waiting change, in order, after the event just seen. */
    private void applyChanges() {
        for (SourceChangeQueue.Pending p; (p = changes.poll()) != null; ) {
            try {
                tracker.apply(p.change());
                published.publish(routingOf(p));
                p.applied().complete(tracker.latestSnapshot());
            } catch (RuntimeException ex) {
                LOG.error("Inventory change failed. source={} action={} error={}", p.change().sourceId(),
                        p.change().action().id(), ex.toString());
                p.applied().completeExceptionally(ex);
            }
        }
    }

    /** The routing compiled by the API thread, unless it does not describe what the tracker holds now. */
    private PublishedInventory.Routing routingOf(SourceChangeQueue.Pending p) {
        final Inventory now = tracker.inventory();
        final Inventory compiled = p.routing().inventory();
        final String id = p.change().sourceId();
        if (compiled.size() == now.size() && now.byId(id).equals(compiled.byId(id))) {
            return p.routing();
        }
        LOG.warn("Inventory routing recompiled on the coverage stage. source={}", id);
        return PublishedInventory.Routing.of(now);
    }
}
