package io.watchfloor.detect.offline;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.detect.mapping.FieldMapping;
import io.watchfloor.detect.match.EventFieldView;
import io.watchfloor.detect.rule.CompiledRule;
import io.watchfloor.detect.rule.LogSource;
import io.watchfloor.detect.rule.RuleSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a rule set on flattened JSON events outside the ring, for {@code rules match} and {@code rules test}.
 *
 * <p>Sigma field names are read under their own name, then through the {@link FieldMapping}. A rule's log source
 * is checked against the event's own fields when it has them ({@code logsource.product} or {@code product}, and
 * likewise {@code service} and {@code category}; plus the field values the mapping says the log source implies,
 * such as a Sysmon {@code EventID}); a log source the event says nothing about excludes nothing. Keyword values
 * search the event's {@code message}, or every string value when it has none. Not thread-safe.
 */
public final class RuleMatcher {
    private static final String[] COMPONENTS = {"product", "service", "category"};

    private final CompiledRule[] rules;
    private final Implied[][] implied;
    private final EventFieldView view;
    private final byte[] memo;
    private final Event event = new Event();

    /** A field the rule's log source implies: present under any of {@code keys}, its value must be one of these. */
    private record Implied(String[] keys, List<String> valuesLower) {
    }

    /** @param mapping how Sigma field names and log sources map onto event keys */
    public RuleMatcher(RuleSet rules, FieldMapping mapping) {
        this.rules = rules.rules().toArray(new CompiledRule[0]);
        this.view = new EventFieldView(rules.fields(), mapping::alternatives);
        this.implied = new Implied[this.rules.length][];
        int max = 1;
        for (int i = 0; i < this.rules.length; i++) {
            max = Math.max(max, this.rules[i].selectionCount());
            final List<Implied> list = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : mapping.impliedFields(this.rules[i].logSource()).entrySet()) {
                final List<String> keys = new ArrayList<>();
                keys.add(e.getKey());
                keys.addAll(mapping.alternatives(e.getKey()));
                final List<String> lower = new ArrayList<>();
                for (String v : e.getValue()) {
                    lower.add(v.toLowerCase(Locale.ROOT));
                }
                list.add(new Implied(keys.toArray(new String[0]), lower));
            }
            implied[i] = list.toArray(new Implied[0]);
        }
        this.memo = new byte[max];
    }

    /** @return the rules, in load order; {@link #match} reports indexes into this list */
    public List<CompiledRule> rules() {
        return List.of(rules);
    }

    /**
     * @param flat an event flattened to dotted keys ({@link JsonEvents})
     * @return the indexes of the rules that match, in rule order
     */
    public List<Integer> match(Map<String, Object> flat) {
        point(flat);
        final List<Integer> out = new ArrayList<>();
        for (int i = 0; i < rules.length; i++) {
            if (test(i, flat)) {
                out.add(i);
            }
        }
        view.clear();
        return out;
    }

    /** @return true when rule {@code index} matches {@code flat} */
    public boolean matches(int index, Map<String, Object> flat) {
        point(flat);
        final boolean r = test(index, flat);
        view.clear();
        return r;
    }

    private void point(Map<String, Object> flat) {
        event.resetForData(Listener.HTTP, null, 0L, false, null);
        event.json().putAll(flat);
        event.markJson();
        view.reset(event);
    }

    private boolean test(int i, Map<String, Object> flat) {
        final CompiledRule rule = rules[i];
        if (!admits(rule.logSource(), flat) || !impliedFit(implied[i], flat)) {
            return false;
        }
        java.util.Arrays.fill(memo, 0, rule.selectionCount(), (byte) 0);
        return rule.matches(view, memo);
    }

    private static boolean admits(LogSource ls, Map<String, Object> flat) {
        final String[] wanted = {ls.product(), ls.service(), ls.category()};
        for (int c = 0; c < COMPONENTS.length; c++) {
            if (wanted[c] == null) {
                continue;
            }
            Object have = flat.get("logsource." + COMPONENTS[c]);
            if (have == null) {
                have = flat.get(COMPONENTS[c]);
            }
            if (have != null && !String.valueOf(have).equalsIgnoreCase(wanted[c])) {
                return false;
            }
        }
        return true;
    }

    private static boolean impliedFit(Implied[] fields, Map<String, Object> flat) {
        for (Implied f : fields) {
            Object have = null;
            for (String k : f.keys()) {
                have = flat.get(k);
                if (have != null) {
                    break;
                }
            }
            if (have != null && !f.valuesLower().contains(String.valueOf(have).toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }
}
