package io.watchfloor.core.ring;

import io.watchfloor.core.event.Event;

/**
 * One step of the pipeline, run on the ring's stage thread for every slot it is given, in sequence order.
 * Implementations own their state (single writer); TICK slots reach every stage.
 */
@FunctionalInterface
public interface EventStage {
    /**
     * @param e the slot; valid only during the call
     * @param endOfBatch true for the last slot of the batch the stage thread took: flush counters here
     * @throws Exception counted by the ring, which skips the event and carries on
     */
    void onEvent(Event e, boolean endOfBatch) throws Exception;
}
