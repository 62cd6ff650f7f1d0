package io.watchfloor.bench.detect;

import io.watchfloor.bench.sample.SampleEvents;
import io.watchfloor.bench.sample.SampleInventory;
import io.watchfloor.core.event.Event;
import io.watchfloor.coverage.attribution.SourceAttributor;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.LogSourceRef;
import io.watchfloor.detect.DetectionEngine;
import io.watchfloor.detect.alert.Alert;
import io.watchfloor.detect.rule.LogSource;
import io.watchfloor.detect.rule.RuleLoader;
import io.watchfloor.detect.rule.RuleSet;
import io.watchfloor.detect.sink.AlertSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Throughput and allocation of {@link DetectionEngine#evaluate} with the starter rule pack ({@code config/rules},
 * loaded through {@link RuleLoader#load(Path)}) on parsed, attributed syslog events of a 1,000-source fleet,
 * each routed by its source's declared log source as the detect stage does. One op = one event evaluated
 * against every rule. {@code hitsEvery=0}: no event matches (the steady state of a quiet fleet, which should
 * allocate nothing); {@code hitsEvery=10}: one event in ten raises an alert (alerts are built, and allocate).
 * Baseline: {@code emptyRuleSet}, the same call with no rules loaded (the per-event fixed cost).
 *
 * <p>Run from the repository root (or {@code bench/}), where {@code config/rules} is found; elsewhere add
 * {@code -jvmArgsAppend -Dwatchfloor.bench.rulesDir=/path/to/rules}:
 * {@code java -jar bench/target/benchmarks.jar DetectionEngineEvaluateBenchmark -prof gc}. Smoke: add
 * {@code -f 1 -wi 1 -i 1 -w 200ms -r 200ms}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DetectionEngineEvaluateBenchmark {
    /** System property naming the rules directory; default: {@code config/rules} above the working directory. */
    public static final String RULES_DIR_PROPERTY = "watchfloor.bench.rulesDir";
    /** Distinct events cycled through. */
    static final int EVENTS = 4096;
    /** Declared sources (and hosts). */
    static final int SOURCES = 1000;

    /** One event in this many raises a starter rule; 0 for none. */
    @Param({"0", "10"})
    public int hitsEvery;

    private DetectionEngine engine;
    private DetectionEngine empty;
    private LogSource[] declared;
    private final CountingSink sink = new CountingSink();
    private Event[] events;
    private int next;

    /** Counts alerts so building them cannot be eliminated. */
    static final class CountingSink implements AlertSink {
        long alerts;

        @Override
        public void accept(Alert alert) {
            alerts++;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        final RuleSet rules = RuleLoader.load(rulesDir());
        if (rules.rules().isEmpty() || !rules.rejections().isEmpty()) {
            throw new IllegalStateException("starter rules: " + rules.rules().size() + " loaded, rejected: "
                    + rules.rejections());
        }
        engine = new DetectionEngine(rules);
        empty = new DetectionEngine(RuleLoader.loadText(Path.of("empty.yml"), ""));
        final Inventory inventory = SampleInventory.of(SOURCES);
        declared = new LogSource[inventory.size()];
        for (int i = 0; i < declared.length; i++) {
            final LogSourceRef ref = inventory.source(i).logsource();
            declared[i] = ref == null ? null : new LogSource(ref.product(), ref.service(), ref.category());
        }
        final SourceAttributor attributor = new SourceAttributor(inventory);
        events = SampleEvents.parsedSyslog(EVENTS, SOURCES, hitsEvery);
        for (int i = 0; i < events.length; i++) {
            attributor.attribute(events[i]);
            events[i].journalIndex(i);
        }
        for (Event e : events) {
            evaluate(engine, e);
        }
        if (hitsEvery == 0 ? sink.alerts != 0 : sink.alerts < EVENTS / hitsEvery / 2) {
            throw new IllegalStateException(sink.alerts + " alerts from " + EVENTS + " events with hitsEvery="
                    + hitsEvery);
        }
    }

    /** @return {@value #RULES_DIR_PROPERTY}, else the first {@code config/rules} in the working directory or above */
    static Path rulesDir() {
        final String configured = System.getProperty(RULES_DIR_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            final Path candidate = p.resolve("config").resolve("rules");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no config/rules above " + Path.of("").toAbsolutePath() + " (set -D"
                + RULES_DIR_PROPERTY + ")");
    }

    private int evaluate(DetectionEngine with, Event e) {
        final int source = e.sourceIndex();
        with.evaluate(e, source < 0 ? null : declared[source], sink);
        return source;
    }

    private Event nextEvent() {
        final Event[] all = events;
        final int i = next;
        next = i + 1 == all.length ? 0 : i + 1;
        return all[i];
    }

    /** The starter pack on one event; returns the alert count so the work cannot be eliminated. */
    @Benchmark
    public long evaluate() {
        evaluate(engine, nextEvent());
        return sink.alerts;
    }

    /** Baseline: no rules, the fixed cost of an evaluation. */
    @Benchmark
    public long emptyRuleSet() {
        evaluate(empty, nextEvent());
        return sink.alerts;
    }
}
