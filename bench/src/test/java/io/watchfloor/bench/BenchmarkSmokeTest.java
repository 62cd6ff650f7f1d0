package io.watchfloor.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every JMH benchmark of this module once, briefly (1 fork, no warmup, one 100 ms iteration, every
 * {@code @Param} value), so none rots: each must produce a positive score. The benchmarks are found through
 * {@code META-INF/BenchmarkList}, written into {@code target/classes} by the JMH annotation processor. The forks
 * inherit surefire's {@code argLine} (the Chronicle flags); JMH's own report goes to
 * {@code target/jmh-smoke.log}. About 40 s on 2 cores; the real figures come from {@code bench/run-suite.sh}.
 */
class BenchmarkSmokeTest {
    /** The hot-path components of issue 5, and issue 4's corpus and adversarial runs: each needs a benchmark. */
    private static final List<String> SUBJECTS = List.of(
            "io.watchfloor.bench.ingest.framing.SyslogFrameDecoderBenchmark",
            "io.watchfloor.bench.ingest.syslog.SyslogParserBenchmark",
            "io.watchfloor.bench.ingest.json.JsonEventParserFlattenBenchmark",
            "io.watchfloor.bench.coverage.attribution.SourceAttributorAttributeBenchmark",
            "io.watchfloor.bench.core.journal.EventJournalAppendBenchmark",
            "io.watchfloor.bench.core.ring.EventRingPublishBenchmark",
            "io.watchfloor.bench.detect.DetectionEngineEvaluateBenchmark",
            "io.watchfloor.bench.detect.DetectionEngineCorpusBenchmark",
            "io.watchfloor.bench.detect.DetectionEngineAdversarialBenchmark",
            "io.watchfloor.bench.coverage.tracker.CoverageTrackerOnEventBenchmark",
            "io.watchfloor.bench.coverage.tracker.CoverageTrackerTickBenchmark");

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyBenchmarkRunsAndScores() throws RunnerException {
        final Set<String> listed = listedBenchmarks();
        assertThat(listed.stream().map(m -> m.substring(0, m.lastIndexOf('.'))).collect(Collectors.toSet()))
                .as("benchmark classes in META-INF/BenchmarkList")
                .containsAll(SUBJECTS);

        // a smoke run measures nothing, so another JMH run on the box (its /tmp/jmh.lock) must not fail the build
        System.setProperty("jmh.ignoreLock", "true");
        final Options options = new OptionsBuilder()
                .include("io\\.watchfloor\\.bench\\..*")
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.NORMAL)
                .output("target/jmh-smoke.log")
                .build();
        final Collection<RunResult> results = new Runner(options).run();

        final TreeMap<String, Double> scores = new TreeMap<>();
        for (RunResult r : results) {
            final String label = r.getParams().getBenchmark() + r.getParams().getParamsKeys().stream()
                    .map(k -> " " + k + "=" + r.getParams().getParam(k)).collect(Collectors.joining());
            scores.put(label, r.getPrimaryResult().getScore());
        }
        assertThat(results.stream().map(r -> r.getParams().getBenchmark()).collect(Collectors.toSet()))
                .as("benchmarks that produced a result")
                .containsExactlyInAnyOrderElementsOf(listed);
        assertThat(scores).as("scores").allSatisfy((label, score) -> assertThat(score).as(label).isPositive());
    }

    /** @return the benchmark methods ({@code class.method}) the annotation processor listed */
    private static Set<String> listedBenchmarks() {
        final PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        final Set<BenchmarkListEntry> entries = BenchmarkList.defaultList()
                .getAll(OutputFormatFactory.createFormatInstance(discard, VerboseMode.SILENT), List.of());
        final Set<String> out = new TreeSet<>();
        for (BenchmarkListEntry e : entries) {
            out.add(e.getUsername());
        }
        return out;
    }
}
