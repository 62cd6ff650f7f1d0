package io.watchfloor.detect.match;

/**
 * A rule's detection cannot be compiled: the message names the selection, modifier or condition token at fault.
 * Thrown only while loading rules, never per event.
 */
public final class InvalidDetectionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param reason a short sentence naming what is wrong and where */
    public InvalidDetectionException(String reason) {
        super(reason, null, false, false);
    }
}
