package io.watchfloor.detect.match;

/**
 * A rule's detection cannot be compiled: the message names the selection, modifier or condition token at fault,
 * and {@link #code()} names the kind of problem from a fixed set (for totals and metrics tags).
 * Thrown only while loading rules, never per event.
 */
public final class InvalidDetectionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Code of a rule that breaks the Sigma specification in a way no more specific code names. */
    public static final String INVALID_RULE = "invalid_rule";

    private final String code;

    /** @param reason a short sentence naming what is wrong and where; the code is {@link #INVALID_RULE} */
    public InvalidDetectionException(String reason) {
        this(INVALID_RULE, reason);
    }

    /**
     * @param code a snake_case name of the kind of problem, e.g. {@code regex_unsupported}
     * @param reason a short sentence naming what is wrong and where
     */
    public InvalidDetectionException(String code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    /** @return the kind of problem, a snake_case name from a fixed set */
    public String code() {
        return code;
    }
}
