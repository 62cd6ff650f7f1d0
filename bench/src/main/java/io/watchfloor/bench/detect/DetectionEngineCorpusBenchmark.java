package io.watchfloor.bench.detect;

import io.watchfloor.bench.sample.CorpusEvents;
import io.watchfloor.bench.sample.SampleEvents;
import io.watchfloor.bench.sample.SampleInventory;
import io.watchfloor.core.event.Event;
import io.watchfloor.coverage.attribution.SourceAttributor;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.LogSourceRef;
import io.watchfloor.detect.DetectionConfig;
import io.watchfloor.detect.DetectionEngine;
import io.watchfloor.detect.EvaluationMode;
import io.watchfloor.detect.correlation.CorrelationConfig;
import io.watchfloor.detect.rule.LogSource;
import io.watchfloor.detect.rule.RuleLoader;
import io.watchfloor.detect.rule.RuleSet;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * {@link DetectionEngine#evaluate} with the entire Sigma corpus loaded ({@code sigma/rules*}, about 3,750 rules) on
 * real events ({@link CorpusEvents}: the Windows regression events, Linux and OpenSSH syslog lines, Zeek rows and
 * CloudTrail records, shuffled), each routed by its declared log source. One op = one event.
 * {@code throughput} gives events per second; {@code latency} samples single evaluations (JMH's
 * {@code SampleTime}: read the {@code p0.99} line). {@code mode=EVERY_RULE} is the same engine evaluating every rule,
 * the baseline the prefilter is measured against in the same run.
 *
 * <p>The corpus is {@code -Dwatchfloor.bench.corpusDir=DIR}, else {@code shared/corpus} found in or above the
 * working directory. Without it (the smoke run elsewhere) the benchmark falls back to the starter pack
 * ({@code config/rules}) on the sample syslog fleet, so it still runs. {@code -p events=WINDOWS} (or {@code LINUX},
 * {@code ZEEK}, {@code CLOUDTRAIL}) measures one group alone. Run from the repository root, on a quiet machine:
 * <pre>
 * java -jar bench/target/benchmarks.jar DetectionEngineCorpusBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DetectionEngineCorpusBenchmark {
    /** Most events taken from each corpus group. */
    static final int MAX_PER_GROUP = 500;
    /** Sample fleet size of the fallback. */
    static final int FALLBACK_EVENTS = 4096;

    /** {@code PREFILTERED} (the default engine) or {@code EVERY_RULE} (the reference). */
    @Param({"PREFILTERED", "EVERY_RULE"})
    public String mode;

    /** Event group: {@code MIX} or one of {@code WINDOWS LINUX ZEEK CLOUDTRAIL} (given with {@code -p}). */
    @Param({"MIX"})
    public String events;

    private DetectionEngine engine;
    private Event[] batch;
    private LogSource[] declared;
    private final DetectionEngineEvaluateBenchmark.CountingSink sink =
            new DetectionEngineEvaluateBenchmark.CountingSink();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        final EvaluationMode evaluation = EvaluationMode.valueOf(mode);
        final Path corpus = CorpusEvents.corpusDir();
        final RuleSet rules;
        if (corpus != null) {
            rules = RuleLoader.load(CorpusEvents.sigmaRuleDirs(corpus), Map.of());
            final List<CorpusEvents.Declared> list = CorpusEvents.load(corpus, events, MAX_PER_GROUP, rules);
            java.util.Collections.shuffle(list, new Random(42));
            batch = new Event[list.size()];
            declared = new LogSource[list.size()];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = list.get(i).event();
                batch[i].journalIndex(i);
                declared[i] = list.get(i).declared();
            }
        } else {
            rules = RuleLoader.load(DetectionEngineEvaluateBenchmark.rulesDir());
            fallbackEvents();
        }
        engine = new DetectionEngine(rules, CorrelationConfig.DEFAULT, DetectionConfig.DEFAULT, evaluation);
        for (int i = 0; i < batch.length; i++) {
            engine.evaluate(batch[i], declared[i], sink);
        }
        System.out.printf("%ncorpus=%s rules=%d events=%d alerts per pass=%d%n", corpus, rules.rules().size(),
                batch.length, sink.alerts);
    }

    private void fallbackEvents() {
        final Inventory inventory = SampleInventory.of(DetectionEngineEvaluateBenchmark.SOURCES);
        final SourceAttributor attributor = new SourceAttributor(inventory);
        batch = SampleEvents.parsedSyslog(FALLBACK_EVENTS, DetectionEngineEvaluateBenchmark.SOURCES, 10);
        declared = new LogSource[batch.length];
        for (int i = 0; i < batch.length; i++) {
            attributor.attribute(batch[i]);
            batch[i].journalIndex(i);
            final int source = batch[i].sourceIndex();
            final LogSourceRef ref = source < 0 ? null : inventory.source(source).logsource();
            declared[i] = ref == null ? null : new LogSource(ref.product(), ref.service(), ref.category());
        }
    }

    private long evaluateNext() {
        final int i = next;
        next = i + 1 == batch.length ? 0 : i + 1;
        engine.evaluate(batch[i], declared[i], sink);
        return sink.alerts;
    }

    /** Events per second; returns the alert count so the work cannot be eliminated. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long throughput() {
        return evaluateNext();
    }

    /** Per-event latency distribution (p0.99 is the target's p99). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long latency() {
        return evaluateNext();
    }
}
