package io.watchfloor.detect.offline;

import io.watchfloor.detect.correlation.CorrelationConfig;
import io.watchfloor.detect.correlation.CorrelationEngine;
import io.watchfloor.detect.correlation.CorrelationFiring;
import io.watchfloor.detect.correlation.EventTime;
import io.watchfloor.detect.rule.CompiledRule;
import io.watchfloor.detect.rule.RuleSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the correlation rules of a set over the matches {@link RuleMatcher} finds in a JSON event file, for
 * {@code rules match}. Event references are the 0-based line numbers.
 *
 * <p>Event time: the event's {@code @timestamp} (ISO-8601, or epoch milliseconds as a number). An event without a
 * readable one takes the previous event's time plus {@link #STEP_MS} (the first such event at the start of a file
 * takes 0), so a file without timestamps advances one second per line. Base rules' own matches are always printed
 * by the caller, whatever {@code generate} says: offline output is for testing rules. Not thread-safe.
 */
public final class CorrelationRunner {
    /** Time step given to an event without {@code @timestamp}, after the previous event, in milliseconds. */
    public static final long STEP_MS = 1000L;

    private final CorrelationEngine engine;
    private final RuleMatcher fields;
    private long lastTimeMs = Long.MIN_VALUE;

    /**
     * @param fields reads group-by and value fields through the field mapping, as the base rules read theirs
     * @param config windows bounds and lateness
     */
    public CorrelationRunner(RuleSet rules, RuleMatcher fields, CorrelationConfig config) {
        this.engine = new CorrelationEngine(rules.correlations(), config);
        this.fields = fields;
    }

    /** @return the engine, for its counters */
    public CorrelationEngine engine() {
        return engine;
    }

    /**
     * Feeds the matches of one event.
     *
     * @param line the event's 0-based line number (its reference in firings)
     * @param flat the event, flattened ({@link JsonEvents})
     * @param matched the rules that matched it
     * @return the correlation firings this event decided, in order
     */
    public List<CorrelationFiring> accept(long line, Map<String, Object> flat, List<CompiledRule> matched) {
        long t = EventTime.parseMs(flat.get("@timestamp"));
        if (t == Long.MIN_VALUE) {
            t = lastTimeMs == Long.MIN_VALUE ? 0L : lastTimeMs + STEP_MS;
        }
        lastTimeMs = t;
        final List<CorrelationFiring> out = new ArrayList<>(0);
        for (CompiledRule r : matched) {
            if (engine.listensTo(r.id())) {
                engine.onMatch(r.id(), t, line, name -> fields.field(flat, name), out::add);
            }
        }
        return out;
    }

    /** @return the firings decided by closing every open window at the end of the input */
    public List<CorrelationFiring> finish() {
        final List<CorrelationFiring> out = new ArrayList<>(0);
        engine.flush(out::add);
        return out;
    }
}
