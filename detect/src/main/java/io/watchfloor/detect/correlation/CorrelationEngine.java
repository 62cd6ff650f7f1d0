package io.watchfloor.detect.correlation;

import io.watchfloor.detect.rule.CorrelationRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Evaluates Sigma correlation rules over the matches of the rules they reference. Not thread-safe: owned by one
 * detection engine (or one offline run), like it.
 *
 * <p><b>Event time.</b> Windows follow the time each match's event carries (see {@link EventTime}), never the
 * arrival time, unless the event carries none. Windows slide: for {@code gt}/{@code gte} conditions (and temporal
 * rules) the window is the {@code timespan} ending at the newest event of the group, both ends included (two events
 * exactly {@code timespan} apart are in one window), and the rule is decided as each event arrives. Other conditions
 * ({@code lt}, {@code lte}, {@code eq}, {@code neq}, ranges) need the whole window: it starts at the group's first
 * event, spans {@code timespan} (ends included) and is decided when the watermark passes its end, or at
 * {@link #flush}. A group with no event never exists, so absence of all events is not detected.
 *
 * <p><b>Late and out-of-order events.</b> Each correlation keeps the newest event time it has seen. An event up to
 * {@link CorrelationConfig#allowedLatenessMs()} behind it is applied in its time order; an older one is counted in
 * {@link #lateDropped()} and not applied. The watermark is that newest time minus the allowed lateness.
 *
 * <p><b>Emission.</b> When a correlation is satisfied it fires once and its group starts over (the contributing events
 * are consumed), so a burst that keeps exceeding the threshold fires once per threshold's worth of events. A firing
 * is an input event of every correlation referencing this one (chaining), with the firing's group values as fields.
 * A correlation referenced by another one reports its own firings only when a referencing correlation sets
 * {@code generate: true}; likewise {@link #generates(String)} tells whether a detection rule raises its own alerts.
 *
 * <p><b>Bounds.</b> At most {@link CorrelationConfig#maxGroupsPerCorrelation()} groups per correlation (the least
 * recently updated is evicted and counted in {@link #groupsEvicted()}) and
 * {@link CorrelationConfig#maxEventsPerGroup()} events per group (the oldest is dropped, counted in
 * {@link #eventsTruncated()}).
 */
public final class CorrelationEngine {
    private static final int[] NONE = new int[0];

    private final CorrelationState[] states;
    private final boolean[] emits;
    private final Map<String, int[]> listeners;
    private final Set<String> silenced;

    /**
     * @param correlations resolved correlations, inner ones before those that reference them (as
     *     {@link io.watchfloor.detect.rule.RuleSet#correlations()} lists them)
     */
    public CorrelationEngine(List<CorrelationRule> correlations, CorrelationConfig config) {
        this.states = new CorrelationState[correlations.size()];
        final Map<String, List<Integer>> byInput = new LinkedHashMap<>();
        final Map<String, Boolean> generatedBy = new HashMap<>();
        for (int i = 0; i < states.length; i++) {
            final CorrelationRule c = correlations.get(i);
            states[i] = new CorrelationState(c, config);
            for (String ref : new HashSet<>(c.rules())) {
                byInput.computeIfAbsent(ref, k -> new ArrayList<>()).add(i);
                generatedBy.merge(ref, c.generate(), Boolean::logicalOr);
            }
        }
        this.listeners = new HashMap<>();
        for (Map.Entry<String, List<Integer>> e : byInput.entrySet()) {
            listeners.put(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray());
        }
        this.emits = new boolean[states.length];
        for (int i = 0; i < states.length; i++) {
            emits[i] = generatedBy.getOrDefault(states[i].rule.id(), Boolean.TRUE);
        }
        final Set<String> s = new HashSet<>();
        for (Map.Entry<String, Boolean> e : generatedBy.entrySet()) {
            if (!e.getValue()) {
                s.add(e.getKey());
            }
        }
        this.silenced = s;
    }

    /** @return true when some correlation references the rule {@code ruleId}, so its matches must be fed in */
    public boolean listensTo(String ruleId) {
        return listeners.containsKey(ruleId);
    }

    /**
     * @return false when every correlation referencing {@code ruleId} leaves {@code generate} false, so the rule's
     *     matches raise no alert of their own; true for a rule no correlation references
     */
    public boolean generates(String ruleId) {
        return !silenced.contains(ruleId);
    }

    /**
     * Feeds one match of the rule {@code ruleId} to every correlation referencing it.
     *
     * @param eventTimeMs the event time, epoch milliseconds
     * @param eventRef the event's reference reported in firings (journal index, or line number offline)
     * @param fields the event's field values by name (group-by, alias and value fields are read through it)
     * @param out receives each firing that should raise an alert, outermost correlations included
     */
    public void onMatch(String ruleId, long eventTimeMs, long eventRef, Function<String, Object> fields,
                        Consumer<CorrelationFiring> out) {
        feed(ruleId, eventTimeMs, new long[] {eventRef}, fields, out);
    }

    /** Closes every open window (end of an offline input), reporting the firings it decides. */
    public void flush(Consumer<CorrelationFiring> out) {
        for (int i = 0; i < states.length; i++) {
            final int index = i;
            states[i].sweep(Long.MAX_VALUE, f -> delivered(index, f, out));
        }
    }

    private void feed(String sourceId, long timeMs, long[] refs, Function<String, Object> fields,
                      Consumer<CorrelationFiring> out) {
        final int[] targets = listeners.getOrDefault(sourceId, NONE);
        for (int t : targets) {
            states[t].accept(sourceId, timeMs, refs, fields, f -> delivered(t, f, out));
        }
    }

    private void delivered(int index, CorrelationFiring f, Consumer<CorrelationFiring> out) {
        if (emits[index]) {
            out.accept(f);
        }
        if (listeners.containsKey(f.rule().id())) {
            final long[] refs = new long[f.events().size()];
            for (int i = 0; i < refs.length; i++) {
                refs[i] = f.events().get(i);
            }
            final Map<String, String> group = f.group();
            feed(f.rule().id(), f.timeMs(), refs, group::get, out);
        }
    }

    /**
     * Takes over the windows (groups, watermark, counters) of every correlation of {@code previous} whose rule and
     * configuration are equal to one of this engine's, so a rule reload does not forget them. Call on the owning
     * thread, before this engine sees any match; {@code previous} must not be used afterwards.
     *
     * @return how many correlations kept their state
     */
    public int carryOver(CorrelationEngine previous) {
        int carried = 0;
        for (int i = 0; i < states.length; i++) {
            for (CorrelationState old : previous.states) {
                if (states[i].sameDefinition(old)) {
                    states[i] = old;
                    carried++;
                    break;
                }
            }
        }
        return carried;
    }

    /** @return how many correlations run */
    public int correlationCount() {
        return states.length;
    }

    /** @return the ids of the correlations, in evaluation order */
    public List<String> correlationIds() {
        final List<String> ids = new ArrayList<>(states.length);
        for (CorrelationState s : states) {
            ids.add(s.rule.id());
        }
        return ids;
    }

    /** @return how many times the correlation {@code id} fired (reported or not), or 0 for an unknown id */
    public long firings(String id) {
        for (CorrelationState s : states) {
            if (s.rule.id().equals(id)) {
                return s.fired;
            }
        }
        return 0;
    }

    /** @return matches older than the allowed lateness, not applied, over all correlations */
    public long lateDropped() {
        long n = 0;
        for (CorrelationState s : states) {
            n += s.lateDropped;
        }
        return n;
    }

    /** @return groups evicted because a correlation held its maximum, over all correlations */
    public long groupsEvicted() {
        long n = 0;
        for (CorrelationState s : states) {
            n += s.evicted;
        }
        return n;
    }

    /** @return events dropped from a full group window, over all correlations */
    public long eventsTruncated() {
        long n = 0;
        for (CorrelationState s : states) {
            n += s.truncated;
        }
        return n;
    }

    /** @return open groups, over all correlations */
    public int groupCount() {
        int n = 0;
        for (CorrelationState s : states) {
            n += s.groupCount();
        }
        return n;
    }
}
