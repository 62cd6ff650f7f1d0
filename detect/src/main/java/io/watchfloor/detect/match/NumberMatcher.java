package io.watchfloor.detect.match;

/**
 * Sigma's {@code lt}, {@code lte}, {@code gt} and {@code gte} modifiers: the event value, parsed as a decimal
 * number, compared with the rule's number. A value that is not a number does not match.
 */
final class NumberMatcher implements ValueMatcher {
    /** Comparison operators. */
    enum Op { LT, LTE, GT, GTE }

    private final Op op;
    private final double bound;

    NumberMatcher(Op op, double bound) {
        this.op = op;
        this.bound = bound;
    }

    @Override
    public boolean matches(String value) {
        final double v;
        try {
            v = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Double.isNaN(v)) {
            return false;
        }
        switch (op) {
            case LT: return v < bound;
            case LTE: return v <= bound;
            case GT: return v > bound;
            default: return v >= bound;
        }
    }
}
