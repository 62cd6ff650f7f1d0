package io.watchfloor.detect.match;

import java.util.List;

/**
 * One {@code field|modifiers: value(s)} item of a selection: the field's value must match any of the rule values
 * (or all of them with {@code |all}); a list-valued field matches when any element does. Immutable.
 */
public final class FieldPredicate {
    private final int fieldId;
    private final ValueMatcher[] matchers;
    private final boolean all;
    private final boolean matchesAbsent;
    private final boolean matchesPresent;

    private FieldPredicate(int fieldId, ValueMatcher[] matchers, boolean all, boolean matchesAbsent,
                           boolean matchesPresent) {
        this.fieldId = fieldId;
        this.matchers = matchers;
        this.all = all;
        this.matchesAbsent = matchesAbsent;
        this.matchesPresent = matchesPresent;
    }

    /**
     * @param matchers the rule values; any must match, or every one with {@code all}
     * @param matchesAbsent true when the value list held {@code null}: an absent field then matches
     */
    public static FieldPredicate values(int fieldId, List<ValueMatcher> matchers, boolean all, boolean matchesAbsent) {
        return new FieldPredicate(fieldId, matchers.toArray(new ValueMatcher[0]), all, matchesAbsent, false);
    }

    /** @return a predicate true when the field is absent ({@code field: null}) */
    public static FieldPredicate absent(int fieldId) {
        return new FieldPredicate(fieldId, new ValueMatcher[0], false, true, false);
    }

    /** @return the {@code |exists} predicate: true when presence equals {@code exists} */
    public static FieldPredicate exists(int fieldId, boolean exists) {
        return new FieldPredicate(fieldId, new ValueMatcher[0], false, !exists, exists);
    }

    /** @return the registry id of the field read */
    public int fieldId() {
        return fieldId;
    }

    /** @return true when the view's event satisfies this item */
    public boolean test(EventFieldView view) {
        final Object v = view.value(fieldId);
        if (v == null) {
            return matchesAbsent;
        }
        if (matchesPresent) {
            return true;
        }
        final ValueMatcher[] ms = matchers;
        if (all) {
            for (ValueMatcher m : ms) {
                if (!matchesValue(m, v)) {
                    return false;
                }
            }
            return ms.length > 0;
        }
        for (ValueMatcher m : ms) {
            if (matchesValue(m, v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesValue(ValueMatcher m, Object v) {
        if (v instanceof String) {
            return m.matches((String) v);
        }
        final List<?> list = (List<?>) v;
        for (int i = 0, n = list.size(); i < n; i++) {
            final Object item = list.get(i);
            if (item != null && m.matches(item instanceof String ? (String) item : String.valueOf(item))) {
                return true;
            }
        }
        return false;
    }
}
