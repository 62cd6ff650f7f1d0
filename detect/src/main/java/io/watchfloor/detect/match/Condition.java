package io.watchfloor.detect.match;

/**
 * A compiled Sigma {@code condition}: a boolean tree over a rule's selections. Immutable; the per-event memo is
 * passed in so one compiled rule can be shared by several engines.
 */
public interface Condition {
    /**
     * @param selections the rule's selections, indexed as the condition was compiled
     * @param memo one byte per selection, zeroed before the rule is evaluated; holds {@link #TRUE}/{@link #FALSE}
     *     once a selection is evaluated, so each is tested at most once per event
     * @return true when the condition holds for the view's event
     */
    boolean evaluate(Selection[] selections, EventFieldView view, byte[] memo);

    /** Memo value of a selection found true. */
    byte TRUE = 1;
    /** Memo value of a selection found false. */
    byte FALSE = 2;

    /** @return the memoized result of selection {@code i}, evaluating it on first use */
    static boolean selection(int i, Selection[] selections, EventFieldView view, byte[] memo) {
        final byte known = memo[i];
        if (known != 0) {
            return known == TRUE;
        }
        final boolean result = selections[i].test(view);
        memo[i] = result ? TRUE : FALSE;
        return result;
    }
}
