package io.watchfloor.detect.rule;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One loaded Sigma correlation rule, its references resolved to rule ids. Immutable.
 *
 * @param metadata the descriptive fields (id, name, title, level…) of the correlation document
 * @param file the file it was loaded from
 * @param type the correlation type
 * @param rules the ids of the referenced detection or correlation rules, in the order listed (names resolved to ids)
 * @param groupBy the {@code group-by} fields (or alias names), in order; empty when the rule has none
 * @param timespanMs the {@code timespan}, in milliseconds
 * @param condition the count condition; for temporal types without one, "all referenced rules"
 * @param valueFields the {@code condition.field} names of a {@code value_count} (a tuple when several), else empty
 * @param aliases alias name → (referenced rule id → the field holding the alias value in that rule's events)
 * @param generate whether the referenced rules still raise their own alerts ({@code generate: true})
 */
public record CorrelationRule(RuleMetadata metadata, Path file, CorrelationType type, List<String> rules,
                              List<String> groupBy, long timespanMs, CorrelationCondition condition,
                              List<String> valueFields, Map<String, Map<String, String>> aliases, boolean generate) {
    /** Copies the collections, so the record is immutable. */
    public CorrelationRule {
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        valueFields = List.copyOf(valueFields);
        final Map<String, Map<String, String>> a = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> e : aliases.entrySet()) {
            a.put(e.getKey(), Map.copyOf(e.getValue()));
        }
        aliases = java.util.Collections.unmodifiableMap(a);
    }

    /** @return the correlation's {@code id} (or {@code <file stem>[#n]}) */
    public String id() {
        return metadata.id();
    }

    /** @return the correlation's {@code name}, or null */
    public String name() {
        return metadata.name();
    }

    /** @return the title */
    public String title() {
        return metadata.title();
    }

    /** @return the level of the correlation alert */
    public String level() {
        return metadata.level();
    }

    /**
     * @return the event field that holds {@code groupField} (a group-by field or alias) in events of the referenced
     *     rule {@code ruleId}: the alias mapping when there is one, else {@code groupField} itself
     */
    public String fieldFor(String groupField, String ruleId) {
        final Map<String, String> m = aliases.get(groupField);
        final String f = m == null ? null : m.get(ruleId);
        return f != null ? f : groupField;
    }

    /** @return a copy with the references replaced by resolved ids */
    CorrelationRule resolved(List<String> ids, Map<String, Map<String, String>> resolvedAliases) {
        return new CorrelationRule(metadata, file, type, ids, groupBy, timespanMs, condition, valueFields,
                resolvedAliases, generate);
    }
}
