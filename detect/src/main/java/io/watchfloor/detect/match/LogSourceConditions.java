package io.watchfloor.detect.match;

import io.watchfloor.detect.mapping.FieldMapping;
import io.watchfloor.detect.rule.LogSource;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The event values each rule's log source implies (a mapping's {@code conditions}, e.g. Sysmon's EventID 1 for
 * {@code category: process_creation}), checked through the field view: an event that has the field must hold one
 * of the values (case-insensitively); an event without it is not excluded. Compiled once per rule set; reads the
 * view of its owner's thread only.
 */
public final class LogSourceConditions {
    /** Per rule, the view ids to check, or null when its log source implies nothing. */
    private final int[][] fieldIds;
    /** Per rule and checked field, the allowed values in lower case. */
    private final String[][][] allowed;

    /**
     * @param ruleLogSources the log source of each rule, by rule index
     * @param view a view built with {@code mapping}, so it holds an id for every condition field
     */
    public LogSourceConditions(LogSource[] ruleLogSources, FieldMapping mapping, EventFieldView view) {
        fieldIds = new int[ruleLogSources.length][];
        allowed = new String[ruleLogSources.length][][];
        for (int r = 0; r < ruleLogSources.length; r++) {
            final Map<String, List<String>> implied = mapping.impliedFields(ruleLogSources[r]);
            if (implied.isEmpty()) {
                continue;
            }
            fieldIds[r] = new int[implied.size()];
            allowed[r] = new String[implied.size()][];
            int k = 0;
            for (Map.Entry<String, List<String>> e : implied.entrySet()) {
                final int id = view.idOf(e.getKey());
                if (id < 0) {
                    throw new IllegalArgumentException("view built without the mapping's condition field " + e.getKey());
                }
                fieldIds[r][k] = id;
                allowed[r][k] = e.getValue().stream().map(v -> v.toLowerCase(Locale.ROOT)).toArray(String[]::new);
                k++;
            }
        }
    }

    /**
     * @return the field ids some rule's log source implies values of, the one constrained by the most rules first
     *     (ties: the lowest id); the fields a router narrows routes by
     */
    public int[] keyFieldIds() {
        final Map<Integer, Integer> counts = new java.util.TreeMap<>();
        for (int[] ids : fieldIds) {
            if (ids != null) {
                for (int id : ids) {
                    counts.merge(id, 1, Integer::sum);
                }
            }
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed())
                .mapToInt(Map.Entry::getKey).toArray();
    }

    /** @return true when rule {@code rule}'s log source implies values of field {@code fieldId} */
    public boolean constrains(int rule, int fieldId) {
        return indexOf(rule, fieldId) >= 0;
    }

    /**
     * @return true when an event whose field {@code fieldId} holds the string {@code value} cannot {@link #fit} rule
     *     {@code rule}, whatever its other fields hold
     */
    public boolean excludes(int rule, int fieldId, String value) {
        final int k = indexOf(rule, fieldId);
        return k >= 0 && !oneOf(value, allowed[rule][k]);
    }

    private int indexOf(int rule, int fieldId) {
        final int[] ids = fieldIds[rule];
        if (ids != null) {
            for (int k = 0; k < ids.length; k++) {
                if (ids[k] == fieldId) {
                    return k;
                }
            }
        }
        return -1;
    }

    /** @return true when the view's event fits every value rule {@code rule}'s log source implies */
    public boolean fit(int rule, EventFieldView view) {
        final int[] ids = fieldIds[rule];
        return ids == null || fitSlowPath(ids, allowed[rule], view);
    }

    private static boolean fitSlowPath(int[] ids, String[][] allowed, EventFieldView view) {
        for (int k = 0; k < ids.length; k++) {
            final Object v = view.value(ids[k]);
            if (v instanceof String && !oneOf((String) v, allowed[k])) {
                return false;
            }
        }
        return true;
    }

    private static boolean oneOf(String v, String[] allowedLower) {
        for (String a : allowedLower) {
            if (a.equalsIgnoreCase(v)) {
                return true;
            }
        }
        return false;
    }
}
