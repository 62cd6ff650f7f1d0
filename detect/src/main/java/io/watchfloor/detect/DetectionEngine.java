package io.watchfloor.detect;

import io.watchfloor.core.event.EcsFields;
import io.watchfloor.core.event.Event;
import io.watchfloor.detect.alert.Alert;
import io.watchfloor.detect.alert.AlertSuppressor;
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
import io.watchfloor.detect.rule.RuleSuppression;
import io.watchfloor.detect.match.FieldRegistry;
import io.watchfloor.detect.match.LiteralIndex;
import io.watchfloor.detect.match.RequiredLiterals;
import io.watchfloor.detect.match.LogSourceConditions;
import io.watchfloor.detect.mapping.FieldMapping;
import io.watchfloor.detect.sink.AlertSink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Runs the loaded rules on each event and raises an {@link Alert} per matching rule.
 *
 * <p>Single-threaded: owned by the detect ring stage. Field values are resolved once per event and shared by
 * all rules, through the {@link FieldMapping} selected once per (declared log source, syslog app) pair and cached;
 * each rule first checks its log source (and the event values the mapping says it implies), then its condition.
 * Allocation happens only when an event field is decoded to a String and when an alert is built. Hit counters may
 * be read from any thread.
 *
 * <p>Prefiltering ({@link EvaluationMode#PREFILTERED}, the default) evaluates only the candidates of an event: the
 * rules its declared log source admits (a route computed once per distinct declared log source, narrowed per value of
 * the field the mapping's implied log source values constrain, such as Sysmon's {@code EventID}) that either require
 * no literal or have each of their required-literal clauses satisfied by a {@link LiteralIndex} scan of the route's
 * fields. A rule not among them cannot match, so alerts, hits and correlation input are those of evaluating every
 * rule.
 *
 * <p>Correlation rules of the set run in a {@link CorrelationEngine} fed with the matches of the rules they
 * reference (event time from {@link EventTime}, reference the event's journal index); their firings become alerts
 * carrying the group values and the contributing journal indexes. A referenced rule whose correlations all leave
 * {@code generate} false raises no alert of its own. A set without correlations pays nothing per event for this.
 *
 * <p>Alerts explain themselves: {@code detection.matched} names the selections found true and
 * {@code detection.fields} holds the values those selections read (bounded by {@link DetectionConfig}). A rule's
 * suppression (its own {@code suppression:} key, else {@link DetectionConfig#suppression()}) counts instead of raising
 * alerts of one group key within its window of event time; hits and correlation feeding are not affected.
 *
 * <p>Cost: one event in {@link DetectionConfig#costSampleInterval()} has every rule's evaluation timed with
 * {@link System#nanoTime()} (a rule the prefilter skipped counts a sample of 0 ns; the prefilter's own time counts
 * in {@link #sampledNsTotal()}); the other events pay one counter check. Counters and stats may be read from any
 * thread.
 *
 * <p>Hot reload: build the new engine on any thread, then on the owning thread call {@link #adoptState} with the
 * running one before switching to it; correlation windows of unchanged correlations, suppression windows and
 * counters carry over.
 */
public final class DetectionEngine {
    private final CompiledRule[] rules;
    private final EventFieldView view;
    private final LiteralIndex literals;
    private final RuleRouter router;
    private final long[] candidates;
    private final long[] everyRule;
    private final LogSourceConditions conditions;
    private final byte[] memo;
    private final AtomicLongArray hits;
    private final Map<String, Integer> indexById;
    private final CorrelationEngine correlation;
    private final boolean[] correlated;
    private final boolean[] silent;
    private final CorrelationRule[] correlations;
    private final AtomicLongArray correlationHits;
    private final DetectionConfig config;
    private final AlertSuppressor[] suppressors;
    private final AtomicLongArray suppressed;
    private final AtomicLongArray evalSamples;
    private final AtomicLongArray evalNs;
    private final AtomicLong evaluatedTotal = new AtomicLong();
    private final AtomicLong sampledEvents = new AtomicLong();
    private final AtomicLong sampledNsTotal = new AtomicLong();
    private final AtomicLong suppressedTotal = new AtomicLong();
    private static final java.util.function.Consumer<CorrelationFiring> DISCARD = f -> { };

    private final MatchFields matchFields = new MatchFields();
    private long evaluated;
    private int untilSample;
    private boolean appNameKnown;
    private String appName;

    /**
     * Field values of the event being evaluated, read through its field mapping as the rules read theirs, for
     * group-by and value fields; read only on a correlated match.
     */
    private static final class MatchFields implements java.util.function.Function<String, Object> {
        EventFieldView view;
        Event event;

        @Override
        public Object apply(String name) {
            return view.field(name);
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
        this(rules, correlationConfig, DetectionConfig.DEFAULT);
    }

    /**
     * @param rules the rules and correlation rules to run; the engine keeps them for its lifetime
     * @param correlationConfig bounds and lateness policy of the correlation windows
     * @param config suppression default, cost sampling and alert explanation bounds
     */
    public DetectionEngine(RuleSet rules, CorrelationConfig correlationConfig, DetectionConfig config) {
        this(rules, correlationConfig, config, FieldMapping.defaults());
    }

    /**
     * @param rules the rules and correlation rules to run; the engine keeps them for its lifetime
     * @param correlationConfig bounds and lateness policy of the correlation windows
     * @param config suppression default, cost sampling and alert explanation bounds
     * @param mapping where Sigma field names are read, per event log source (the declared one, else the app's)
     */
    public DetectionEngine(RuleSet rules, CorrelationConfig correlationConfig, DetectionConfig config,
                           FieldMapping mapping) {
        this(rules, correlationConfig, config, mapping, EvaluationMode.PREFILTERED);
    }

    /**
     * The engine with the default field mapping, prefiltered or not; for comparing both.
     *
     * @param mode whether events are prefiltered; {@link EvaluationMode#EVERY_RULE} is the reference
     */
    public DetectionEngine(RuleSet rules, CorrelationConfig correlationConfig, DetectionConfig config,
                           EvaluationMode mode) {
        this(rules, correlationConfig, config, FieldMapping.defaults(), mode);
    }

    /**
     * @param rules the rules and correlation rules to run; the engine keeps them for its lifetime
     * @param correlationConfig bounds and lateness policy of the correlation windows
     * @param config suppression default, cost sampling and alert explanation bounds
     * @param mapping where Sigma field names are read, per event log source (the declared one, else the app's)
     * @param mode whether events are prefiltered; {@link EvaluationMode#EVERY_RULE} is the reference
     */
    public DetectionEngine(RuleSet rules, CorrelationConfig correlationConfig, DetectionConfig config,
                           FieldMapping mapping, EvaluationMode mode) {
        this.config = config;
        this.rules = rules.rules().toArray(new CompiledRule[0]);
        this.view = new EventFieldView(rules.fields(), mapping);
        matchFields.view = view;
        final int words = RuleRouter.words(this.rules.length);
        this.candidates = new long[words];
        this.everyRule = new long[words];
        for (int i = 0; i < this.rules.length; i++) {
            everyRule[i >>> 6] |= 1L << i;
        }
        if (mode == EvaluationMode.PREFILTERED) {
            final List<RequiredLiterals> required = new ArrayList<>(this.rules.length);
            for (CompiledRule r : this.rules) {
                required.add(r.requiredLiterals());
            }
            this.literals = LiteralIndex.of(required, rules.fields().size());
        } else {
            this.literals = null;
        }
        int maxSelections = 1;
        final Map<String, Integer> ids = new HashMap<>();
        final LogSource[] logSources = new LogSource[this.rules.length];
        for (int i = 0; i < this.rules.length; i++) {
            maxSelections = Math.max(maxSelections, this.rules[i].selectionCount());
            ids.put(this.rules[i].id(), i);
            logSources[i] = this.rules[i].logSource();
        }
        this.conditions = new LogSourceConditions(logSources, mapping, view);
        this.router = mode == EvaluationMode.PREFILTERED ? new RuleRouter(this.rules, conditions) : null;
        this.memo = new byte[maxSelections];
        this.hits = new AtomicLongArray(this.rules.length);
        this.indexById = Collections.unmodifiableMap(ids);
        this.correlations = rules.correlations().toArray(new CorrelationRule[0]);
        this.correlationHits = new AtomicLongArray(correlations.length);
        this.correlated = new boolean[this.rules.length];
        this.silent = new boolean[this.rules.length];
        this.suppressors = new AlertSuppressor[this.rules.length];
        for (int i = 0; i < this.rules.length; i++) {
            final RuleSuppression own = this.rules[i].suppression();
            final RuleSuppression s = own != null ? own : config.suppression();
            if (s.enabled()) {
                suppressors[i] = new AlertSuppressor(s, config.maxSuppressionGroups());
            }
        }
        this.suppressed = new AtomicLongArray(this.rules.length);
        this.evalSamples = new AtomicLongArray(this.rules.length);
        this.evalNs = new AtomicLongArray(this.rules.length);
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
        evaluatedTotal.lazySet(evaluatedTotal.get() + 1);
        final EventFieldView v = view;
        v.reset(e, declared);
        if (--untilSample <= 0) {
            untilSample = config.costSampleInterval();
            evaluateTimed(e, declared, sink);
        } else {
            final long[] c = candidates(declared);
            final CompiledRule[] rs = rules;
            for (int w = 0; w < c.length; w++) {
                long bits = c[w];
                while (bits != 0) {
                    final int i = (w << 6) + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    evaluateRule(i, rs[i], e, declared, sink);
                }
            }
        }
        forgetEvent();
    }

    /**
     * @return one bit per rule that may match the view's event: every rule without prefiltering, else the route's
     *     always-evaluated rules plus its rules owning a literal found in the event
     */
    private long[] candidates(LogSource declared) {
        final RuleRouter rt = router;
        if (rt == null) {
            return everyRule;
        }
        final RuleRouter.Route route = rt.route(declared, view);
        final long[] c = candidates;
        java.util.Arrays.fill(c, 0L);
        literals.mark(view, route.fieldIds(), c);
        final long[] admitted = route.admitted();
        final long[] always = route.always();
        for (int w = 0; w < c.length; w++) {
            c[w] = (c[w] & admitted[w]) | always[w];
        }
        return c;
    }

    /** The sampled path: the same evaluation with the prefilter and each candidate rule timed. */
    private void evaluateTimed(Event e, LogSource declared, AlertSink sink) {
        final CompiledRule[] rs = rules;
        // cost is CPU time of this thread's work, not event time, so the monotonic clock is read directly
        final long start = System.nanoTime();
        final long[] c = candidates(declared);
        long total = System.nanoTime() - start;
        for (int i = 0; i < rs.length; i++) {
            if ((c[i >>> 6] & (1L << i)) != 0) {
                final long t0 = System.nanoTime();
                evaluateRule(i, rs[i], e, declared, sink);
                final long ns = System.nanoTime() - t0;
                total += ns;
                evalNs.lazySet(i, evalNs.get(i) + ns);
            }
            evalSamples.lazySet(i, evalSamples.get(i) + 1);
        }
        sampledEvents.lazySet(sampledEvents.get() + 1);
        sampledNsTotal.lazySet(sampledNsTotal.get() + total);
    }

    private void evaluateRule(int i, CompiledRule rule, Event e, LogSource declared, AlertSink sink) {
        if (!admits(rule.logSource(), declared, e) || !conditions.fit(i, view)) {
            return;
        }
        final byte[] m = memo;
        java.util.Arrays.fill(m, 0, rule.selectionCount(), (byte) 0);
        if (rule.matches(view, m)) {
            hits.lazySet(i, hits.get(i) + 1);
            if (!silent[i]) {
                raiseMatch(i, rule, e, sink);
            }
            if (correlated[i]) {
                correlate(rule, e, sink);
            }
        }
    }

    /**
     * {@link LogSource#admits} with the event's app name read only when it decides: the rule names a service and
     * the declared log source has none.
     */
    private boolean admits(LogSource rule, LogSource declared, Event e) {
        if (rule.service() == null || (declared != null && declared.service() != null)) {
            return rule.admits(declared, null);
        }
        if (!appNameKnown) {
            final Object app = EcsFields.field(e, "process.name");
            appName = app instanceof String ? (String) app : null;
            appNameKnown = true;
        }
        return rule.admits(declared, appName);
    }

    /** Drops every reference to the event just evaluated, so the ring slot is not retained. */
    private void forgetEvent() {
        view.clear();
        appNameKnown = false;
        appName = null;
    }

    /** The rare path: a match that raises an alert unless its suppression window holds it back. */
    private void raiseMatch(int i, CompiledRule rule, Event e, AlertSink sink) {
        final AlertSuppressor s = suppressors[i];
        if (s != null && !s.admit(EventTime.ms(e), e)) {
            suppressed.lazySet(i, suppressed.get(i) + 1);
            suppressedTotal.lazySet(suppressedTotal.get() + 1);
            return;
        }
        sink.accept(alert(rule, e, memo, view, config));
    }

    /** Rebuilds correlation windows from a replayed event: correlated rules only, no alert, no hit counted. */
    private void replayCorrelations(Event e, LogSource declared) {
        final EventFieldView v = view;
        v.reset(e, declared);
        matchFields.event = e;
        final long[] c = candidates(declared);
        for (int w = 0; w < c.length; w++) {
            long bits = c[w];
            while (bits != 0) {
                final int i = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                final CompiledRule rule = rules[i];
                if (!correlated[i] || !admits(rule.logSource(), declared, e) || !conditions.fit(i, v)) {
                    continue;
                }
                java.util.Arrays.fill(memo, 0, rule.selectionCount(), (byte) 0);
                if (rule.matches(v, memo)) {
                    correlation.onMatch(rule.id(), EventTime.ms(e), e.journalIndex(), matchFields, DISCARD);
                }
            }
        }
        matchFields.event = null;
        forgetEvent();
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

    private static Alert alert(CompiledRule rule, Event e, byte[] memo, EventFieldView view, DetectionConfig config) {
        final List<String> matched = new ArrayList<>(rule.selectionCount());
        final Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i < rule.selectionCount(); i++) {
            if (memo[i] == Condition.TRUE) {
                matched.add(rule.selectionName(i));
                explain(rule.selectionFieldIds(i), view, config, fields);
            }
        }
        // event.created is the receive time too, so a replay of the journal renders identical alerts
        return new Alert(e.receivedAtMs(), e.receivedAtMs(), rule.id(), rule.title(), rule.level(),
                rule.description(), rule.author(), rule.tags(), EcsFields.hostName(e), e.sourceId(),
                e.journalIndex(), EcsFields.message(e), matched, Map.of(), List.of(), fields);
    }

    /** Adds the values of {@code fieldIds} present in the event to {@code out}, within the configured bounds. */
    private static void explain(int[] fieldIds, EventFieldView view, DetectionConfig config, Map<String, String> out) {
        for (int id : fieldIds) {
            if (out.size() >= config.maxMatchedFields()) {
                return;
            }
            final Object v = view.value(id);
            if (v == null) {
                continue;
            }
            final String name = id == FieldRegistry.KEYWORDS ? "keywords" : view.name(id);
            String text = v instanceof List && ((List<?>) v).size() == 1 ? String.valueOf(((List<?>) v).get(0))
                    : String.valueOf(v);
            if (text.length() > config.maxMatchedValueChars()) {
                text = text.substring(0, config.maxMatchedValueChars()) + "\u2026";
            }
            out.putIfAbsent(name, text);
        }
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

    /**
     * Takes over the state of the engine this one replaces: correlation windows of correlations whose definition is
     * unchanged, suppression windows of rules whose suppression is unchanged, per-rule counters by rule id and the
     * totals. Call on the owning thread before this engine evaluates; {@code previous} must not be used afterwards.
     *
     * @return how many correlations kept their windows
     */
    public int adoptState(DetectionEngine previous) {
        evaluated = previous.evaluated;
        evaluatedTotal.set(previous.evaluatedTotal.get());
        sampledEvents.set(previous.sampledEvents.get());
        sampledNsTotal.set(previous.sampledNsTotal.get());
        suppressedTotal.set(previous.suppressedTotal.get());
        for (int i = 0; i < rules.length; i++) {
            final Integer old = previous.indexById.get(rules[i].id());
            if (old == null) {
                continue;
            }
            hits.set(i, previous.hits.get(old));
            suppressed.set(i, previous.suppressed.get(old));
            evalSamples.set(i, previous.evalSamples.get(old));
            evalNs.set(i, previous.evalNs.get(old));
            final AlertSuppressor before = previous.suppressors[old];
            if (suppressors[i] != null && before != null && suppressors[i].suppression().equals(before.suppression())) {
                suppressors[i].carryOver(before);
            }
        }
        for (int c = 0; c < correlations.length; c++) {
            for (int o = 0; o < previous.correlations.length; o++) {
                if (previous.correlations[o].id().equals(correlations[c].id())) {
                    correlationHits.set(c, previous.correlationHits.get(o));
                }
            }
        }
        if (correlation == null || previous.correlation == null) {
            return 0;
        }
        return correlation.carryOver(previous.correlation);
    }

    /** @return per-rule statistics, detection rules in rule order then correlation rules; any thread */
    public List<RuleStats> ruleStats() {
        final List<RuleStats> out = new ArrayList<>(rules.length + correlations.length);
        for (int i = 0; i < rules.length; i++) {
            final CompiledRule r = rules[i];
            out.add(new RuleStats(r.id(), r.title(), r.level(), String.valueOf(r.file()), false, hits.get(i),
                    suppressed.get(i), evalSamples.get(i), evalNs.get(i)));
        }
        for (int i = 0; i < correlations.length; i++) {
            final CorrelationRule c = correlations[i];
            out.add(new RuleStats(c.id(), c.title(), c.level(), String.valueOf(c.file()), true,
                    correlationHits.get(i), 0, 0, 0));
        }
        return out;
    }

    /** @return events evaluated since the first engine of this lineage started; any thread */
    public long evaluatedTotal() {
        return evaluatedTotal.get();
    }

    /** @return events whose evaluation was timed; any thread */
    public long sampledEvents() {
        return sampledEvents.get();
    }

    /** @return nanoseconds the timed events took over all rules; any thread */
    public long sampledNsTotal() {
        return sampledNsTotal.get();
    }

    /** @return alerts not raised because of suppression windows; any thread */
    public long suppressedTotal() {
        return suppressedTotal.get();
    }

    /** @return how many correlation rules the engine runs */
    public int correlationCount() {
        return correlations.length;
    }

    /** @return the live detection settings */
    public DetectionConfig config() {
        return config;
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
