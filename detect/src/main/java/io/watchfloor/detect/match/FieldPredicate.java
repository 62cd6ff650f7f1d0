package io.watchfloor.detect.match;

import java.util.List;

/**
 * One {@code field|modifiers: value(s)} item of a selection: the field's value must match any of the rule values
 * (or all of them with {@code |all}); a list-valued field matches when any element does. With {@code |neq} the
 * item holds when the field is present and matches none of the values. With {@code |fieldref} the rule values are
 * other fields of the same event, compared by string. Immutable.
 */
public final class FieldPredicate {
    /** {@code fieldref} comparison: whole value. */
    public static final int REF_EQUALS = 0;
    /** {@code fieldref|contains}. */
    public static final int REF_CONTAINS = 1;
    /** {@code fieldref|startswith}. */
    public static final int REF_STARTS_WITH = 2;
    /** {@code fieldref|endswith}. */
    public static final int REF_ENDS_WITH = 3;

    private final int fieldId;
    private final ValueMatcher[] matchers;
    private final boolean all;
    private final boolean matchesAbsent;
    private final boolean matchesPresent;
    private final boolean negate;
    private final int[] refIds;
    private final int refMode;
    private final boolean refCased;
    private final boolean presence;

    private FieldPredicate(int fieldId, ValueMatcher[] matchers, boolean all, boolean matchesAbsent,
                           boolean matchesPresent, boolean negate, int[] refIds, int refMode, boolean refCased) {
        this.fieldId = fieldId;
        this.matchers = matchers;
        this.all = all;
        this.matchesAbsent = matchesAbsent;
        this.matchesPresent = matchesPresent;
        this.negate = negate;
        this.refIds = refIds;
        this.refMode = refMode;
        this.refCased = refCased;
        this.presence = false;
    }

    private FieldPredicate(int fieldId, boolean exists) {
        this.fieldId = fieldId;
        this.matchers = new ValueMatcher[0];
        this.all = false;
        this.matchesAbsent = !exists;
        this.matchesPresent = exists;
        this.negate = false;
        this.refIds = null;
        this.refMode = 0;
        this.refCased = false;
        this.presence = true;
    }

    /**
     * @param matchers the rule values; any must match, or every one with {@code all}
     * @param matchesAbsent true when the value list held {@code null}: an absent field then matches
     */
    public static FieldPredicate values(int fieldId, List<ValueMatcher> matchers, boolean all, boolean matchesAbsent) {
        return new FieldPredicate(fieldId, matchers.toArray(new ValueMatcher[0]), all, matchesAbsent, false, false,
                null, 0, false);
    }

    /**
     * The {@code |neq} item: true when the field is present and matches none of {@code matchers} (with
     * {@code all}: not all of them); an absent field does not match.
     */
    public static FieldPredicate notEqual(int fieldId, List<ValueMatcher> matchers, boolean all) {
        return new FieldPredicate(fieldId, matchers.toArray(new ValueMatcher[0]), all, false, false, true,
                null, 0, false);
    }

    /**
     * The {@code |fieldref} item: the field's value compared with the value of each referenced field (any, or all
     * with {@code all}); false when either field is absent.
     *
     * @param mode one of {@link #REF_EQUALS}, {@link #REF_CONTAINS}, {@link #REF_STARTS_WITH}, {@link #REF_ENDS_WITH}
     * @param negate the {@code |neq} modifier: true when the values differ
     */
    public static FieldPredicate fieldRef(int fieldId, int[] refIds, int mode, boolean cased, boolean all,
                                          boolean negate) {
        return new FieldPredicate(fieldId, new ValueMatcher[0], all, false, false, negate, refIds.clone(), mode,
                cased);
    }

    /** @return a predicate true when the field is absent ({@code field: null}) */
    public static FieldPredicate absent(int fieldId) {
        return new FieldPredicate(fieldId, new ValueMatcher[0], false, true, false, false, null, 0, false);
    }

    /** @return the {@code |exists} predicate: true when presence equals {@code exists} */
    public static FieldPredicate exists(int fieldId, boolean exists) {
        return new FieldPredicate(fieldId, exists);
    }

    /** @return a predicate true when the field has a non-null value ({@code field|neq: null}) */
    public static FieldPredicate notNull(int fieldId) {
        return new FieldPredicate(fieldId, new ValueMatcher[0], false, false, true, false, null, 0, false);
    }

    /** @return the registry id of the field read */
    public int fieldId() {
        return fieldId;
    }

    /**
     * @return the rule values when the item holds only if the field is present and its value matches them (any of
     *     them, or each with {@link #all()}); null for an item that can hold otherwise or compares no rule value
     *     ({@code exists}, {@code null}, {@code neq}, {@code fieldref}); shared, not copied
     */
    ValueMatcher[] requiredMatchers() {
        if (presence || matchesAbsent || matchesPresent || negate || refIds != null || matchers.length == 0) {
            return null;
        }
        return matchers;
    }

    /** @return true when every rule value must match ({@code |all}) */
    boolean all() {
        return all;
    }

    /** @return true when the view's event satisfies this item */
    public boolean test(EventFieldView view) {
        if (presence) {
            return view.present(fieldId) == matchesPresent;
        }
        final Object v = view.value(fieldId);
        if (v == null) {
            return matchesAbsent;
        }
        if (matchesPresent) {
            return true;
        }
        if (refIds != null) {
            return testRefs(view, v) != negate;
        }
        final ValueMatcher[] ms = matchers;
        if (all) {
            for (ValueMatcher m : ms) {
                if (!matchesValue(m, v)) {
                    return negate;
                }
            }
            return ms.length > 0 != negate;
        }
        for (ValueMatcher m : ms) {
            if (matchesValue(m, v)) {
                return !negate;
            }
        }
        return negate;
    }

    private boolean testRefs(EventFieldView view, Object v) {
        for (int id : refIds) {
            final Object other = view.value(id);
            final boolean r = other != null && compareRef(v, other);
            if (all && !r) {
                return false;
            }
            if (!all && r) {
                return true;
            }
        }
        return all;
    }

    private boolean compareRef(Object v, Object other) {
        final String a = v instanceof String ? (String) v : String.valueOf(v);
        final String b = other instanceof String ? (String) other : String.valueOf(other);
        final boolean ignoreCase = !refCased;
        switch (refMode) {
            case REF_CONTAINS:
                return indexOf(a, b, ignoreCase);
            case REF_STARTS_WITH:
                return a.regionMatches(ignoreCase, 0, b, 0, b.length());
            case REF_ENDS_WITH:
                return a.length() >= b.length() && a.regionMatches(ignoreCase, a.length() - b.length(), b, 0, b.length());
            default:
                return a.length() == b.length() && a.regionMatches(ignoreCase, 0, b, 0, b.length());
        }
    }

    private static boolean indexOf(String a, String b, boolean ignoreCase) {
        for (int i = 0, last = a.length() - b.length(); i <= last; i++) {
            if (a.regionMatches(ignoreCase, i, b, 0, b.length())) {
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
