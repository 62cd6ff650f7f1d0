package io.watchfloor.server.wiring;

import io.watchfloor.coverage.attribution.SourceAttributor;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.detect.rule.LogSource;

/**
 * The inventory the ring routes events by: the compiled attributor the parse stages copy and the log sources the
 * detect stage looks up by source index. The coverage stage publishes a new one only after the tracker applied the
 * lifecycle change behind it, so an event attributed to an added source never reaches a tracker or a detect stage
 * that does not know its index (the ring orders the parse stage's volatile read before both). Written by one
 * thread at a time (start-up, then the coverage stage); read by any through a volatile field.
 */
final class PublishedInventory {
    /**
     * What the stages route by, compiled once off the hot path; immutable once published.
     *
     * @param inventory the inventory it was compiled from
     * @param attributor its compiled criteria; parse stages use copies ({@link SourceAttributor#SourceAttributor(
     *     SourceAttributor)}), never this one
     * @param logSources each source's log source in detection's terms, by source index (null entries allowed)
     */
    record Routing(Inventory inventory, SourceAttributor attributor, LogSource[] logSources) {
        /** @return the routing of {@code inventory}; compiles every source's criteria, so not on the hot path */
        static Routing of(Inventory inventory) {
            return new Routing(inventory, new SourceAttributor(inventory), LogSources.of(inventory));
        }
    }

    private volatile Routing current;

    PublishedInventory(Routing initial) {
        this.current = initial;
    }

    /** @return the routing published last; one volatile read */
    Routing current() {
        return current;
    }

    /** Publishes {@code next} to every stage. */
    void publish(Routing next) {
        current = next;
    }
}
