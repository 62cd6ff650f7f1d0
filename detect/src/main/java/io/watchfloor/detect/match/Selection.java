package io.watchfloor.detect.match;

import java.util.List;

/**
 * A compiled search identifier: an OR over alternatives, each an AND of {@link FieldPredicate}s
 * (a map is one alternative; a list of maps or of keywords is several). Immutable.
 */
public final class Selection {
    private final String name;
    private final FieldPredicate[][] alternatives;
    private final int[] fieldIds;

    /** @param alternatives OR of AND-groups; must not be empty */
    public Selection(String name, List<List<FieldPredicate>> alternatives) {
        this.name = name;
        this.alternatives = new FieldPredicate[alternatives.size()][];
        for (int i = 0; i < alternatives.size(); i++) {
            this.alternatives[i] = alternatives.get(i).toArray(new FieldPredicate[0]);
        }
        final java.util.LinkedHashSet<Integer> ids = new java.util.LinkedHashSet<>();
        for (FieldPredicate[] group : this.alternatives) {
            for (FieldPredicate p : group) {
                ids.add(p.fieldId());
            }
        }
        this.fieldIds = ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return the distinct registry ids of the fields the selection reads, in rule order; for explaining a match */
    public int[] fieldIds() {
        return fieldIds.clone();
    }

    /** @return the OR of AND-groups; shared, not copied: callers in this package must not modify it */
    FieldPredicate[][] alternatives() {
        return alternatives;
    }

    /** @return the search identifier as written in the rule */
    public String name() {
        return name;
    }

    /** @return true when any alternative has all its items true */
    public boolean test(EventFieldView view) {
        for (FieldPredicate[] group : alternatives) {
            if (allTrue(group, view)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allTrue(FieldPredicate[] group, EventFieldView view) {
        for (FieldPredicate p : group) {
            if (!p.test(view)) {
                return false;
            }
        }
        return true;
    }
}
