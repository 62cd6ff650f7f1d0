package io.watchfloor.detect.rule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the {@code rules} references of correlation documents, by id or name, against the detection rules and the
 * other correlations of the whole rule set (any file). A correlation naming a rule that did not load is rejected alone
 * with {@code correlation_rule_unknown}; correlations that reference each other in a loop are rejected with
 * {@code correlation_cycle}. The result lists inner correlations before the ones that reference them.
 */
final class CorrelationResolver {
    private CorrelationResolver() {
    }

    static List<CorrelationRule> resolve(List<CompiledRule> rules, List<CorrelationRule> pending,
                                         List<RuleRejection> rejections) {
        final Map<String, String> baseIds = new HashMap<>();
        for (CompiledRule r : rules) {
            baseIds.put(r.id(), r.id());
            if (r.name() != null) {
                baseIds.putIfAbsent(r.name(), r.id());
            }
        }
        final Map<String, String> acceptedIds = new HashMap<>();
        final List<CorrelationRule> accepted = new ArrayList<>();
        final List<CorrelationRule> left = new ArrayList<>(pending);
        boolean progress = true;
        while (progress && !left.isEmpty()) {
            progress = false;
            final Map<String, String> pendingIds = new HashMap<>();
            for (CorrelationRule c : left) {
                pendingIds.put(c.id(), c.id());
                if (c.name() != null) {
                    pendingIds.putIfAbsent(c.name(), c.id());
                }
            }
            for (int i = 0; i < left.size(); i++) {
                final CorrelationRule c = left.get(i);
                String unknown = null;
                boolean waiting = false;
                final List<String> ids = new ArrayList<>();
                for (String ref : c.rules()) {
                    String id = baseIds.get(ref);
                    if (id == null) {
                        id = acceptedIds.get(ref);
                    }
                    if (id == null) {
                        if (pendingIds.containsKey(ref)) {
                            waiting = true;
                        } else {
                            unknown = ref;
                            break;
                        }
                    }
                    ids.add(id);
                }
                if (unknown != null) {
                    rejections.add(new RuleRejection(c.file(), c.id(), "correlation references '" + unknown
                            + "', which is no loaded rule id or name", "correlation_rule_unknown"));
                } else if (waiting) {
                    continue;
                } else {
                    final CorrelationRule r = c.resolved(ids, aliases(c, baseIds, acceptedIds));
                    accepted.add(r);
                    acceptedIds.put(r.id(), r.id());
                    if (r.name() != null) {
                        acceptedIds.putIfAbsent(r.name(), r.id());
                    }
                }
                left.remove(i);
                i--;
                progress = true;
            }
        }
        for (CorrelationRule c : left) {
            rejections.add(new RuleRejection(c.file(), c.id(), "correlation is part of a reference cycle",
                    "correlation_cycle"));
        }
        return accepted;
    }

    private static Map<String, Map<String, String>> aliases(CorrelationRule c, Map<String, String> baseIds,
                                                            Map<String, String> acceptedIds) {
        final Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> a : c.aliases().entrySet()) {
            final Map<String, String> perId = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : a.getValue().entrySet()) {
                String id = baseIds.get(e.getKey());
                if (id == null) {
                    id = acceptedIds.get(e.getKey());
                }
                perId.put(id != null ? id : e.getKey(), e.getValue());
            }
            out.put(a.getKey(), perId);
        }
        return out;
    }
}
