package io.watchfloor.detect;

import io.watchfloor.core.event.EcsFields;
import io.watchfloor.core.event.Event;
import io.watchfloor.detect.alert.Alert;
import io.watchfloor.detect.match.Condition;
import io.watchfloor.detect.match.EventFieldView;
import io.watchfloor.detect.rule.CompiledRule;
import io.watchfloor.detect.rule.LogSource;
import io.watchfloor.detect.rule.RuleSet;
import io.watchfloor.detect.sink.AlertSink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Runs every loaded rule on each event and raises an {@link Alert} per matching rule.
 *
 * <p>Single-threaded: owned by the detect ring stage. Field values are resolved once per event and shared by
 * all rules; each rule first checks its log source, then its condition. Allocation happens only when an event
 * field is decoded to a String and when an alert is built. Hit counters may be read from any thread.
 */
public final class DetectionEngine {
    private final CompiledRule[] rules;
    private final EventFieldView view;
    private final byte[] memo;
    private final AtomicLongArray hits;
    private final Map<String, Integer> indexById;
    private long evaluated;

    /** @param rules the rules to run; the engine keeps them for its lifetime */
    public DetectionEngine(RuleSet rules) {
        this.rules = rules.rules().toArray(new CompiledRule[0]);
        this.view = new EventFieldView(rules.fields());
        int maxSelections = 1;
        final Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < this.rules.length; i++) {
            maxSelections = Math.max(maxSelections, this.rules[i].selectionCount());
            ids.put(this.rules[i].id(), i);
        }
        this.memo = new byte[maxSelections];
        this.hits = new AtomicLongArray(this.rules.length);
        this.indexById = Collections.unmodifiableMap(ids);
    }

    /**
     * Evaluates all rules on {@code e} and gives each alert to {@code sink}, in rule order. TICK events and
     * events replayed from the journal are skipped (replay rebuilds state; it must not raise alerts again).
     *
     * @param declared the log source the event's inventory source declares, or null for an unmanaged sender;
     *     when it has no service, the event's syslog app name acts as service
     */
    public void evaluate(Event e, LogSource declared, AlertSink sink) {
        if (e.isTick() || e.replay()) {
            return;
        }
        evaluated++;
        final EventFieldView v = view;
        v.reset(e);
        final Object app = declared == null || declared.service() == null ? EcsFields.field(e, "process.name") : null;
        final String appName = app instanceof String ? (String) app : null;
        final CompiledRule[] rs = rules;
        final byte[] m = memo;
        for (int i = 0; i < rs.length; i++) {
            final CompiledRule rule = rs[i];
            if (!rule.logSource().admits(declared, appName)) {
                continue;
            }
            java.util.Arrays.fill(m, 0, rule.selectionCount(), (byte) 0);
            if (rule.matches(v, m)) {
                hits.lazySet(i, hits.get(i) + 1);
                sink.accept(alert(rule, e, m));
            }
        }
        v.clear();
    }

    private static Alert alert(CompiledRule rule, Event e, byte[] memo) {
        final List<String> matched = new ArrayList<>(rule.selectionCount());
        for (int i = 0; i < rule.selectionCount(); i++) {
            if (memo[i] == Condition.TRUE) {
                matched.add(rule.selectionName(i));
            }
        }
        // event.created is the receive time too, so a replay of the journal renders identical alerts
        return new Alert(e.receivedAtMs(), e.receivedAtMs(), rule.id(), rule.title(), rule.level(),
                rule.description(), rule.author(), rule.tags(), EcsFields.hostName(e), e.sourceId(),
                e.journalIndex(), EcsFields.message(e), matched);
    }

    /** @return how many times the rule with {@code ruleId} matched, or 0 for an unknown id */
    public long hits(String ruleId) {
        final Integer i = indexById.get(ruleId);
        return i == null ? 0 : hits.get(i);
    }

    /** @return a snapshot of rule id → matches, in rule order; for metrics */
    public Map<String, Long> hitsSnapshot() {
        final Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < rules.length; i++) {
            out.put(rules[i].id(), hits.get(i));
        }
        return out;
    }

    /** @return events evaluated (TICK and replayed events excluded); read on the owning thread only */
    public long evaluated() {
        return evaluated;
    }

    /** @return how many rules the engine runs */
    public int ruleCount() {
        return rules.length;
    }
}
