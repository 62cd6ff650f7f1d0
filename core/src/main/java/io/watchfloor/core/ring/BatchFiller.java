package io.watchfloor.core.ring;

import io.watchfloor.core.event.Event;

/** Fills the slots of a batch claimed all-or-nothing by {@link EventPublisher#tryPublishBatch}. */
@FunctionalInterface
public interface BatchFiller {
    /**
     * Fills one slot; the slot must be reset with {@link Event#resetForData} first.
     *
     * @param index 0-based position of the slot within the batch
     */
    void fill(Event slot, int index);
}
