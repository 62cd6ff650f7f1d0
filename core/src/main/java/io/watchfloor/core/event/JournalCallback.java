package io.watchfloor.core.event;

/**
 * Told when an event it was attached to is in the journal (or could not be written); how acknowledging
 * listeners (HTTP) answer only after the append.
 *
 * <p>Called on the journal stage thread; implementations must be cheap and thread-safe.
 */
public interface JournalCallback {
    /** @param journalIndex the Chronicle index the event was appended at */
    void journaled(long journalIndex);

    /** The append failed; the event is not accepted. */
    void failed();
}
