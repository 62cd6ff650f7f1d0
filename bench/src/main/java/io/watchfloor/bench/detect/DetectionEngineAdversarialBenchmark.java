package io.watchfloor.bench.detect;

import io.watchfloor.bench.sample.CorpusEvents;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.detect.DetectionConfig;
import io.watchfloor.detect.DetectionEngine;
import io.watchfloor.detect.EvaluationMode;
import io.watchfloor.detect.correlation.CorrelationConfig;
import io.watchfloor.detect.match.RequiredLiterals;
import io.watchfloor.detect.rule.CompiledRule;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The bounded worst case: every Sigma rule of the corpus that uses the {@code re} modifier (128 rules) on one event
 * holding {@code fields} values of {@value #VALUE_CHARS} characters, in the fields {@code re} items read most
 * ({@code CommandLine} first). {@code fields=1}: one such field; {@code fields=15}: as many as one HTTP NDJSON line
 * of the default 1 MiB limit can carry (a syslog frame stops at 64 KiB). The value is made of every rule's required
 * literals, each followed by backslashes, dashes, letters, digits and quotes, repeated: each rule passes the
 * prefilter and each regex meets many partial matches over the whole value. RE2/J is linear in the input, so an op
 * stays bounded. One op = one event against all those rules; read {@code ms/op}.
 *
 * <p>The corpus as for {@link DetectionEngineCorpusBenchmark}; without it, the {@code config/rules} files using
 * {@code re}. The rule files are copied to a temporary directory for loading and removed after set-up:
 * <pre>
 * java -jar bench/target/benchmarks.jar DetectionEngineAdversarialBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DetectionEngineAdversarialBenchmark {
    /** Characters of each field value: 64 KiB. */
    static final int VALUE_CHARS = 64 * 1024;
    private static final Pattern USES_RE = Pattern.compile("\\|re[|:]");
    private static final Pattern RE_FIELD = Pattern.compile("([A-Za-z0-9_.-]+)\\|re[|:]");
    private static final String FILLER = " \\\\\\ --a a0A.;/:%\"'\\ ";

    /** {@code PREFILTERED} (the default engine) or {@code EVERY_RULE} (the reference). */
    @Param({"PREFILTERED", "EVERY_RULE"})
    public String mode;

    /** How many fields hold a 64 KiB value. */
    @Param({"1", "15"})
    public int fields;

    private DetectionEngine engine;
    private Event event;
    private final DetectionEngineEvaluateBenchmark.CountingSink sink =
            new DetectionEngineEvaluateBenchmark.CountingSink();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        final Path corpus = CorpusEvents.corpusDir();
        final List<Path> dirs = corpus != null ? CorpusEvents.sigmaRuleDirs(corpus)
                : List.of(DetectionEngineEvaluateBenchmark.rulesDir());
        final Map<String, Integer> reads = new HashMap<>();
        final RuleSet rules = loadRegexRules(dirs, reads);
        engine = new DetectionEngine(rules, CorrelationConfig.DEFAULT, DetectionConfig.DEFAULT,
                EvaluationMode.valueOf(mode));
        final String value = adversarialValue(rules);
        final List<String> mostRead = new ArrayList<>(reads.keySet());
        mostRead.sort(Comparator.comparing((String f) -> -reads.get(f)).thenComparing(f -> f));
        event = new Event();
        event.resetForData(Listener.HTTP, null, CorpusEvents.RECEIVED_AT_MS, false, null);
        for (String f : mostRead.subList(0, Math.min(fields, mostRead.size()))) {
            event.json().put(f, value);
        }
        event.markJson();
        System.out.printf("%nre rules=%d 64 KiB fields=%s%n", rules.rules().size(), event.json().keySet());
    }

    /**
     * @param reads filled with how many {@code re} items of those files read each field
     * @return the rules of the files under {@code dirs} that use {@code re}, loaded from a temporary copy
     */
    private static RuleSet loadRegexRules(List<Path> dirs, Map<String, Integer> reads) throws IOException {
        final Path tmp = Files.createTempDirectory("watchfloor-bench-re");
        try {
            int n = 0;
            for (Path dir : dirs) {
                final List<Path> files;
                try (Stream<Path> walk = Files.walk(dir)) {
                    files = walk.filter(p -> p.toString().endsWith(".yml")).sorted().collect(Collectors.toList());
                }
                for (Path f : files) {
                    final String text = Files.readString(f, StandardCharsets.UTF_8);
                    if (USES_RE.matcher(text).find()) {
                        final Matcher m = RE_FIELD.matcher(text);
                        while (m.find()) {
                            reads.merge(m.group(1), 1, Integer::sum);
                        }
                        Files.writeString(tmp.resolve((n++) + "-" + f.getFileName()), text, StandardCharsets.UTF_8);
                    }
                }
            }
            return RuleLoader.load(tmp, Map.of());
        } finally {
            try (Stream<Path> walk = Files.walk(tmp)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
        }
    }

    /** @return every rule's required literals, each followed by {@link #FILLER}, repeated to {@value #VALUE_CHARS} */
    static String adversarialValue(RuleSet rules) {
        final List<String> literals = new ArrayList<>();
        for (CompiledRule r : rules.rules()) {
            final RequiredLiterals req = r.requiredLiterals();
            for (int c = 0; c < req.clauseCount(); c++) {
                for (int i = 0; i < req.size(c); i++) {
                    literals.add(req.literal(c, i));
                }
            }
        }
        final StringBuilder b = new StringBuilder(VALUE_CHARS + 256);
        while (b.length() < VALUE_CHARS) {
            for (String lit : literals) {
                b.append(lit).append(FILLER);
            }
            if (literals.isEmpty()) {
                b.append(FILLER);
            }
        }
        b.setLength(VALUE_CHARS);
        return b.toString();
    }

    /** One event, 64 KiB in each of {@code fields} fields, against every {@code re} rule; returns the alert count. */
    @Benchmark
    public long evaluate() {
        engine.evaluate(event, null, sink);
        return sink.alerts;
    }
}
