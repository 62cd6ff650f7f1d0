package io.watchfloor.detect.rule;

/**
 * The {@code condition} of a correlation rule: each bound that is set must hold (several bounds form a range, e.g.
 * {@code gt: 100, lte: 200}). A bound that is not set is {@link #UNSET}.
 *
 * @param gt the count must be greater than this
 * @param gte the count must be at least this
 * @param lt the count must be less than this
 * @param lte the count must be at most this
 * @param eq the count must equal this
 * @param neq the count must differ from this
 */
public record CorrelationCondition(long gt, long gte, long lt, long lte, long eq, long neq) {
    /** Marks a bound that the rule does not set. */
    public static final long UNSET = Long.MIN_VALUE;

    /** @return the condition {@code gte: n} */
    public static CorrelationCondition atLeast(long n) {
        return new CorrelationCondition(UNSET, n, UNSET, UNSET, UNSET, UNSET);
    }

    /** @return true when {@code count} satisfies every bound that is set */
    public boolean test(long count) {
        return (gt == UNSET || count > gt) && (gte == UNSET || count >= gte) && (lt == UNSET || count < lt)
                && (lte == UNSET || count <= lte) && (eq == UNSET || count == eq) && (neq == UNSET || count != neq);
    }

    /**
     * @return true when only lower bounds are set ({@code gt}, {@code gte}): once true, more events keep it true, so it
     *     can be decided as soon as an event arrives; any other condition is decided when the window closes
     */
    public boolean monotone() {
        return lt == UNSET && lte == UNSET && eq == UNSET && neq == UNSET;
    }
}
