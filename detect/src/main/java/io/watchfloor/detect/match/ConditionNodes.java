package io.watchfloor.detect.match;

/** The node types of a compiled condition tree. */
final class ConditionNodes {
    private ConditionNodes() {
    }

    /** A reference to one selection. */
    static final class Ref implements Condition {
        private final int index;

        Ref(int index) {
            this.index = index;
        }

        int index() {
            return index;
        }

        @Override
        public boolean evaluate(Selection[] selections, EventFieldView view, byte[] memo) {
            return Condition.selection(index, selections, view, memo);
        }
    }

    /** {@code a and b and …}, short-circuit. */
    static final class And implements Condition {
        private final Condition[] terms;

        And(Condition[] terms) {
            this.terms = terms;
        }

        Condition[] terms() {
            return terms;
        }

        @Override
        public boolean evaluate(Selection[] selections, EventFieldView view, byte[] memo) {
            for (Condition c : terms) {
                if (!c.evaluate(selections, view, memo)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code a or b or …}, short-circuit. */
    static final class Or implements Condition {
        private final Condition[] terms;

        Or(Condition[] terms) {
            this.terms = terms;
        }

        Condition[] terms() {
            return terms;
        }

        @Override
        public boolean evaluate(Selection[] selections, EventFieldView view, byte[] memo) {
            for (Condition c : terms) {
                if (c.evaluate(selections, view, memo)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code not a}. */
    static final class Not implements Condition {
        private final Condition term;

        Not(Condition term) {
            this.term = term;
        }

        @Override
        public boolean evaluate(Selection[] selections, EventFieldView view, byte[] memo) {
            return !term.evaluate(selections, view, memo);
        }
    }

    /** {@code 1 of pattern} / {@code all of pattern} over the selections the pattern named at compile time. */
    static final class Of implements Condition {
        private final int[] indexes;
        private final boolean all;

        Of(int[] indexes, boolean all) {
            this.indexes = indexes;
            this.all = all;
        }

        int[] indexes() {
            return indexes;
        }

        boolean all() {
            return all;
        }

        @Override
        public boolean evaluate(Selection[] selections, EventFieldView view, byte[] memo) {
            for (int i : indexes) {
                final boolean r = Condition.selection(i, selections, view, memo);
                if (all && !r) {
                    return false;
                }
                if (!all && r) {
                    return true;
                }
            }
            return all;
        }
    }
}
