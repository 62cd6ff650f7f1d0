package io.watchfloor.detect.rule;

import io.watchfloor.detect.match.Condition;
import io.watchfloor.detect.match.ConditionParser;
import io.watchfloor.detect.match.InvalidDetectionException;
import io.watchfloor.detect.match.Selection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma meta filter (global filter): each rule it names, by {@code id} or {@code name}, becomes
 * {@code rule_condition and not filter_condition}, unless their log sources disagree on a component both set.
 * Filters that name no loaded rule change nothing.
 *
 * @param refs rule ids or names from {@code filter.rules}
 * @param names the filter's search identifiers, in selection order
 */
record MetaFilter(String id, Path file, LogSource logSource, List<String> refs, List<String> names,
                  List<Selection> selections, List<String> conditions) {

    /** @return {@code rules} with every filter applied to the rules it names; a failure becomes a rejection */
    static List<CompiledRule> applyAll(List<MetaFilter> filters, List<CompiledRule> rules,
                                       List<RuleRejection> rejections) {
        if (filters.isEmpty()) {
            return rules;
        }
        final List<CompiledRule> out = new ArrayList<>(rules.size());
        for (CompiledRule rule : rules) {
            CompiledRule r = rule;
            for (MetaFilter f : filters) {
                final boolean named = f.refs.contains(rule.id()) || (rule.name() != null && f.refs.contains(rule.name()));
                if (named && f.fits(rule.logSource())) {
                    try {
                        r = f.applyTo(r);
                    } catch (InvalidDetectionException e) {
                        rejections.add(new RuleRejection(f.file, f.id, e.getMessage(), "filter_invalid"));
                    }
                }
            }
            out.add(r);
        }
        return out;
    }

    /** @return false when the filter's log source and the rule's set the same component to different values */
    private boolean fits(LogSource rule) {
        return same(logSource.product(), rule.product()) && same(logSource.service(), rule.service())
                && same(logSource.category(), rule.category());
    }

    private static boolean same(String a, String b) {
        return a == null || b == null || a.equalsIgnoreCase(b);
    }

    private CompiledRule applyTo(CompiledRule rule) throws InvalidDetectionException {
        final List<Selection> all = new ArrayList<>(rule.selections());
        final int offset = all.size();
        all.addAll(selections);
        final Condition filter = ConditionParser.parse(conditions, names, offset);
        return new CompiledRule(rule.metadata(), rule.logSource(), rule.file(), all,
                ConditionParser.andNot(rule.condition(), filter), rule.suppression());
    }
}
