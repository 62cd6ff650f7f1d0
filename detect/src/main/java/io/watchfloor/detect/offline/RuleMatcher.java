package io.watchfloor.detect.offline;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.detect.mapping.FieldMapping;
import io.watchfloor.detect.match.EventFieldView;
import io.watchfloor.detect.match.LogSourceConditions;
import io.watchfloor.detect.rule.CompiledRule;
import io.watchfloor.detect.rule.LogSource;
import io.watchfloor.detect.rule.RuleSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a rule set on flattened JSON events outside the ring, for {@code rules match} and {@code rules test}.
 *
 * <p>Sigma field names are read through the {@link FieldMapping} selected for the event, exactly as the live
 * detection stage does (see {@link io.watchfloor.detect.mapping.MappingSelector}): an event here has no inventory
 * source, so its log source comes from its own {@code logsource.*} fields and its syslog app name. A rule's log
 * source is checked against the event's own fields when it has them ({@code logsource.product} or {@code product},
 * and likewise {@code service} and {@code category}; plus the field values the mapping's conditions say the log
 * source implies, such as a Sysmon {@code EventID}); a log source the event says nothing about excludes nothing.
 * Keyword values search the event's {@code message}, or every string value when it has none. Not thread-safe.
 */
public final class RuleMatcher {
    private static final String[] COMPONENTS = {"product", "service", "category"};

    private final CompiledRule[] rules;
    private final LogSourceConditions conditions;
    private final EventFieldView view;
    private final byte[] memo;
    private final Event event = new Event();

    /** @param mapping how Sigma field names and log sources map onto event fields */
    public RuleMatcher(RuleSet rules, FieldMapping mapping) {
        this.rules = rules.rules().toArray(new CompiledRule[0]);
        this.view = new EventFieldView(rules.fields(), mapping);
        final LogSource[] logSources = new LogSource[this.rules.length];
        int max = 1;
        for (int i = 0; i < this.rules.length; i++) {
            max = Math.max(max, this.rules[i].selectionCount());
            logSources[i] = this.rules[i].logSource();
        }
        this.conditions = new LogSourceConditions(logSources, mapping, view);
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

    /** @return the value of field {@code name} in {@code flat}, read through the mapping as rules read it */
    public Object field(Map<String, Object> flat, String name) {
        point(flat);
        final Object v = view.field(name);
        view.clear();
        return v;
    }

    private void point(Map<String, Object> flat) {
        event.resetForData(Listener.HTTP, null, 0L, false, null);
        event.json().putAll(flat);
        event.markJson();
        view.reset(event, null);
    }

    private boolean test(int i, Map<String, Object> flat) {
        final CompiledRule rule = rules[i];
        if (!admits(rule.logSource(), flat) || !conditions.fit(i, view)) {
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
}
