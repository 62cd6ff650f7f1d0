package io.watchfloor.detect.rule;

import io.watchfloor.detect.match.FieldRegistry;

import java.util.List;

/**
 * The result of loading a rule directory: the compiled rules, the correlation rules, the rejected ones with their
 * reasons, and the field registry the rules were compiled against. Immutable once returned by {@link RuleLoader}.
 */
public final class RuleSet {
    private final List<CompiledRule> rules;
    private final List<CorrelationRule> correlations;
    private final List<RuleRejection> rejections;
    private final FieldRegistry fields;
    private final int filterCount;

    RuleSet(List<CompiledRule> rules, List<CorrelationRule> correlations, List<RuleRejection> rejections,
            FieldRegistry fields, int filterCount) {
        this.rules = List.copyOf(rules);
        this.correlations = List.copyOf(correlations);
        this.rejections = List.copyOf(rejections);
        this.fields = fields;
        this.filterCount = filterCount;
    }

    /** @return how many meta filter documents loaded (they are applied to the rules they name, not run alone) */
    public int filterCount() { return filterCount; }

    /** @return the loaded rules, in file order */
    public List<CompiledRule> rules() { return rules; }

    /**
     * @return the loaded correlation rules, references resolved to ids, inner correlations before the correlations
     *     that reference them
     */
    public List<CorrelationRule> correlations() { return correlations; }

    /** @return the rules that could not load */
    public List<RuleRejection> rejections() { return rejections; }

    /** @return the field ids the rules read; size an {@code EventFieldView} from it */
    public FieldRegistry fields() { return fields; }
}
