package io.watchfloor.detect;

import io.watchfloor.core.event.EcsFields;
import io.watchfloor.core.event.Event;
import io.watchfloor.detect.alert.Alert;
import io.watchfloor.detect.correlation.CorrelationConfig;
import io.watchfloor.detect.correlation.CorrelationEngine;
import io.watchfloor.detect.correlation.CorrelationFiring;
import io.watchfloor.detect.correlation.EventTime;
import io.watchfloor.detect.rule.CorrelationRule;
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
 *
 * <p>Correlation rules of the set run in a {@link CorrelationEngine} fed with the matches of the rules they
 * reference (event time from {@link EventTime}, reference the event's journal index); their firings become alerts
 * carrying the group values and the contributing journal indexes. A referenced rule whose correlations all leave
 * {@code generate} false raises no alert of its own. A set without correlations pays nothing per event for this.
 */
public final class DetectionEngine {
    private final CompiledRule[] rules;
    private final EventFieldView view;
    private final byte[] memo;
    private final AtomicLongArray hits;
    private final Map<String, Integer> indexById;
    private final CorrelationEngine correlation;
    private final boolean[] correlated;
    private final boolean[] silent;
    private final CorrelationRule[] correlations;
    private final AtomicLongArray correlationHits;
    private static final java.util.function.Consumer<CorrelationFiring> DISCARD = f -> { };

    private final MatchFields matchFields = new MatchFields();
    private long evaluated;

    /** Field values of the event being evaluated, for group-by and value fields; read only on a correlated match. */
    private static final class MatchFields implements java.util.function.Function<String, Object> {
        Event event;

        @Override
        public Object apply(String name) {
            return EcsFields.field(event, name);
        }
    }

    /** @param rules the rules to run, correlations with {@link CorrelationConfig#DEFAULT}; kept for the lifetime */
    public DetectionEngine(RuleSet rules) {
        this(rules, CorrelationConfig.DEFAULT);
    }

    /**
     * @param rules the rules and correlation rules to run; the engine keeps them for its lifetime
     * @param correlationConfig bounds and lateness policy of the correlation windows
     */
    public DetectionEngine(RuleSet rules, CorrelationConfig correlationConfig) {
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
        this.correlations = rules.correlations().toArray(new CorrelationRule[0]);
        this.correlationHits = new AtomicLongArray(correlations.length);
        this.correlated = new boolean[this.rules.length];
        this.silent = new boolean[this.rules.length];
        if (correlations.length == 0) {
            this.correlation = null;
        } else {
            this.correlation = new CorrelationEngine(rules.correlations(), correlationConfig);
            for (int i = 0; i < this.rules.length; i++) {
                correlated[i] = correlation.listensTo(this.rules[i].id());
                silent[i] = !correlation.generates(this.rules[i].id());
            }
        }
    }

    /**
     * Evaluates all rules on {@code e} and gives each alert to {@code sink}, in rule order. TICK events are skipped.
     * Events replayed from the journal raise no alert (they were raised before the restart) but rebuild the
     * correlation windows: only rules some correlation references are evaluated for them.
     *
     * @param declared the log source the event's inventory source declares, or null for an unmanaged sender;
     *     when it has no service, the event's syslog app name acts as service
     */
    public void evaluate(Event e, LogSource declared, AlertSink sink) {
        if (e.isTick()) {
            return;
        }
        if (e.replay()) {
            if (correlation != null) {
                replayCorrelations(e, declared);
            }
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
                if (!silent[i]) {
                    sink.accept(alert(rule, e, m));
                }
                if (correlated[i]) {
                    correlate(rule, e, sink);
                }
            }
        }
        v.clear();
    }

    /** Rebuilds correlation windows from a replayed event: correlated rules only, no alert, no hit counted. */
    private void replayCorrelations(Event e, LogSource declared) {
        final EventFieldView v = view;
        v.reset(e);
        final Object app = declared == null || declared.service() == null ? EcsFields.field(e, "process.name") : null;
        final String appName = app instanceof String ? (String) app : null;
        matchFields.event = e;
        for (int i = 0; i < rules.length; i++) {
            final CompiledRule rule = rules[i];
            if (!correlated[i] || !rule.logSource().admits(declared, appName)) {
                continue;
            }
            java.util.Arrays.fill(memo, 0, rule.selectionCount(), (byte) 0);
            if (rule.matches(v, memo)) {
                correlation.onMatch(rule.id(), EventTime.ms(e), e.journalIndex(), matchFields, DISCARD);
            }
        }
        matchFields.event = null;
        v.clear();
    }

    /** The rare path: a match of a rule some correlation references. */
    private void correlate(CompiledRule rule, Event e, AlertSink sink) {
        matchFields.event = e;
        correlation.onMatch(rule.id(), EventTime.ms(e), e.journalIndex(), matchFields, f -> raise(f, e, sink));
        matchFields.event = null;
    }

    private void raise(CorrelationFiring f, Event e, AlertSink sink) {
        final CorrelationRule c = f.rule();
        for (int i = 0; i < correlations.length; i++) {
            if (correlations[i] == c) {
                correlationHits.lazySet(i, correlationHits.get(i) + 1);
            }
        }
        final List<Long> events = f.events();
        final long last = events.isEmpty() ? e.journalIndex() : events.get(events.size() - 1);
        sink.accept(new Alert(f.timeMs(), e.receivedAtMs(), c.id(), c.title(), c.level(),
                c.metadata().description(), c.metadata().author(), c.metadata().tags(), EcsFields.hostName(e),
                e.sourceId(), last, f.summary(), List.of(), f.group(), events));
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

    /**
     * @return how many times the rule with {@code ruleId} matched (for a correlation rule: alerts it raised), or 0 for
     *     an unknown id
     */
    public long hits(String ruleId) {
        final Integer i = indexById.get(ruleId);
        if (i != null) {
            return hits.get(i);
        }
        for (int c = 0; c < correlations.length; c++) {
            if (correlations[c].id().equals(ruleId)) {
                return correlationHits.get(c);
            }
        }
        return 0;
    }

    /**
     * @return a snapshot of rule id → matches, in rule order, then correlation id → alerts raised, in correlation
     *     order; for metrics
     */
    public Map<String, Long> hitsSnapshot() {
        final Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < rules.length; i++) {
            out.put(rules[i].id(), hits.get(i));
        }
        for (int i = 0; i < correlations.length; i++) {
            out.put(correlations[i].id(), correlationHits.get(i));
        }
        return out;
    }

    /** @return the correlation engine, or null when the rule set has no correlations; owning thread only */
    public CorrelationEngine correlation() {
        return correlation;
    }

    /** @return events evaluated (TICK and replayed events excluded); read on the owning thread only */
    public long evaluated() {
        return evaluated;
    }

    /** @return how many detection rules the engine runs (correlation rules not included) */
    public int ruleCount() {
        return rules.length;
    }
}
