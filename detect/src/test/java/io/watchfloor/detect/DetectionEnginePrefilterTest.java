package io.watchfloor.detect;

import io.watchfloor.core.event.Event;
import io.watchfloor.detect.correlation.CorrelationConfig;
import io.watchfloor.detect.offline.JsonEvents;
import io.watchfloor.detect.rule.LogSource;
import io.watchfloor.detect.rule.RuleLoader;
import io.watchfloor.detect.rule.RuleSet;
import io.watchfloor.detect.rule.RuleSuppression;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prefilter changes nothing but speed: on generated rule sets and events, an engine evaluating only candidates
 * raises exactly the alerts, in the same order, and counts exactly the hits of an engine evaluating every rule.
 */
class DetectionEnginePrefilterTest {
    /** System property naming the shared corpus root for the corpus comparison. */
    static final String CORPUS_PROPERTY = "watchfloor.test.corpusDir";
    private static final List<String> FIELDS = List.of("Image", "CommandLine", "message", "process.name", "User",
            "tags", "EventID");
    private static final List<String> WORDS = List.of("ab", "Ab", "b-c", "bc", "ABC", "\\x", "-enc", "/enc", "12",
            "a.c", "sshd", "root");
    private static final List<String> LOG_SOURCES = List.of("{product: linux}", "{product: linux, service: sshd}",
            "{product: windows}", "{category: webserver}", "{product: windows, category: process_creation}",
            "{product: windows, category: network_connection}", "{product: windows, category: registry_event}");
    private static final List<LogSource> DECLARED = java.util.Arrays.asList(null, new LogSource("linux", null, null),
            new LogSource("linux", "sshd", null), new LogSource("windows", null, "process_creation"),
            new LogSource("windows", "sysmon", null),
            new LogSource(null, null, "webserver"), new LogSource("linux", "sudo", null));

    /** One evaluation input: an event and the log source its sender declares. */
    record Input(Event event, LogSource declared) {
    }

    // ---- generators: small alphabets, so rules and events often meet

    private static Arbitrary<String> value() {
        return Arbitraries.oneOf(Arbitraries.of(WORDS),
                Combinators.combine(Arbitraries.of(WORDS), Arbitraries.of("*", "?", ""), Arbitraries.of(WORDS))
                        .as((a, w, b) -> a + w + b));
    }

    private static Arbitrary<String> item() {
        final Arbitrary<String> field = Arbitraries.of(FIELDS);
        final Arbitrary<String> plain = Combinators.combine(field,
                Arbitraries.of("", "|contains", "|startswith", "|endswith", "|cased", "|contains|cased", "|neq",
                        "|windash|contains", "|base64offset|contains"),
                value().list().ofMinSize(1).ofMaxSize(3))
                .as((f, m, vs) -> f + m + ": " + yamlList(vs));
        final Arbitrary<String> all = Combinators.combine(field, value().list().ofMinSize(2).ofMaxSize(3))
                .as((f, vs) -> f + "|contains|all: " + yamlList(vs));
        final Arbitrary<String> regex = Combinators.combine(field, Arbitraries.of("|re", "|re|i"),
                Arbitraries.of("a.c", "^ab", "(ab|bc)", "b+c", "[a-c]{2}", "x|enc", "\\\\x", "-(enc|e)\\b", ".",
                        "ab?c", "x*enc", "b{0,2}c", "(?i)a(bc)?d?"))
                .as((f, m, r) -> f + m + ": '" + r + "'");
        final Arbitrary<String> special = Combinators.combine(field, Arbitraries.of(FIELDS),
                Arbitraries.of(0, 1, 2, 3, 4)).as((f, other, kind) -> switch (kind) {
                    case 0 -> f + "|exists: true";
                    case 1 -> f + "|exists: false";
                    case 2 -> f + ": null";
                    case 3 -> f + "|fieldref: " + other;
                    default -> f + "|gt: 5";
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, plain), net.jqwik.api.Tuple.of(1, all), net.jqwik.api.Tuple.of(2, regex),
                net.jqwik.api.Tuple.of(1, special));
    }

    private static String yamlList(List<String> values) {
        final List<String> quoted = new ArrayList<>();
        for (String v : values) {
            quoted.add("'" + v.replace("'", "''") + "'");
        }
        return "[" + String.join(", ", quoted) + "]";
    }

    /** A selection: a map of items, a list of two maps, or keywords. */
    private static Arbitrary<String> selection(String name) {
        final Arbitrary<String> map = item().list().ofMinSize(1).ofMaxSize(3).uniqueElements(s -> s.split("[|:]")[0])
                .map(items -> "  " + name + ":\n" + indent(items, "    "));
        final Arbitrary<String> listOfMaps = Combinators.combine(item(), item())
                .as((a, b) -> "  " + name + ":\n    - " + a + "\n    - " + b + "\n");
        final Arbitrary<String> keywords = value().list().ofMinSize(1).ofMaxSize(3)
                .map(vs -> "  " + name + ": " + yamlList(vs) + "\n");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, map), net.jqwik.api.Tuple.of(2, listOfMaps),
                net.jqwik.api.Tuple.of(1, keywords));
    }

    private static String indent(List<String> items, String prefix) {
        final StringBuilder b = new StringBuilder();
        for (String s : items) {
            b.append(prefix).append(s).append('\n');
        }
        return b.toString();
    }

    private static Arbitrary<String> rule(int n) {
        final Arbitrary<String> condition = Arbitraries.of("sel_a", "sel_a and sel_b", "sel_a or sel_b",
                "sel_a and not filter", "1 of sel_*", "all of sel_*", "all of them", "not sel_a",
                "(sel_a or filter) and sel_b", "sel_b and not (filter or sel_a)");
        return Combinators.combine(Arbitraries.of(LOG_SOURCES), selection("sel_a"), selection("sel_b"),
                selection("filter"), condition)
                .as((ls, a, b, f, c) -> "title: R" + n + "\nid: r-" + n + "\nlogsource: " + ls + "\ndetection:\n"
                        + a + b + f + "  condition: " + c + "\n");
    }

    @Provide
    Arbitrary<String> ruleSets() {
        return Arbitraries.integers().between(1, 12).flatMap(count -> {
            final List<Arbitrary<String>> rules = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                rules.add(rule(i));
            }
            return Combinators.combine(rules).as(docs -> String.join("---\n", docs));
        });
    }

    private static Arbitrary<String> eventText() {
        return Combinators.combine(Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of(" ", "", "\\", " -", "\u2013"), Arbitraries.of(true, false))
                .as((ws, sep, upper) -> {
                    final String s = String.join(sep, ws);
                    return upper ? s.toUpperCase(java.util.Locale.ROOT) : s;
                });
    }

    @Provide
    Arbitrary<List<Input>> inputs() {
        final Arbitrary<Object> fieldValue = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, eventText().map(s -> (Object) s)),
                net.jqwik.api.Tuple.of(1, eventText().list().ofMinSize(1).ofMaxSize(3).map(l -> (Object) l)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 20).map(i -> (Object) Long.valueOf(i))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Base64Words.ENCODED).map(s -> (Object) s)));
        final Arbitrary<Map<String, Object>> json = Arbitraries.maps(Arbitraries.of(FIELDS), fieldValue)
                .ofMinSize(0).ofMaxSize(FIELDS.size()).map(LinkedHashMap::new);
        final Arbitrary<Event> jsonEvent = json.map(TestEvents::json);
        final Arbitrary<Event> syslogEvent = Combinators.combine(Arbitraries.of("sshd", "sudo", "sshd[12]", "cron"),
                eventText()).as((app, msg) -> TestEvents.syslog("web-1", app, "42", msg));
        final Arbitrary<Event> event = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, jsonEvent),
                net.jqwik.api.Tuple.of(1, syslogEvent));
        return Combinators.combine(event, Arbitraries.of(DECLARED).injectNull(0.2)).as(Input::new)
                .list().ofMinSize(1).ofMaxSize(25);
    }

    /** Base64 (at the three offsets) of words the rules use, so {@code base64offset} values can match. */
    static final class Base64Words {
        static final List<String> ENCODED = List.of("ZW5j", "YWJj", "LWVuYw==", "c3NoZA==", "eCAtZW5j");

        private Base64Words() {
        }
    }

    @Property(tries = 400)
    void shouldRaiseTheSameAlertsAsEvaluatingEveryRule(@ForAll("ruleSets") String yaml,
                                                        @ForAll("inputs") List<Input> inputs) {
        final RuleSet set = RuleLoader.loadText(Path.of("gen.yml"), yaml);
        final DetectionConfig config = new DetectionConfig(RuleSuppression.OFF, 100, 3, 8, 256);
        final DetectionEngine prefiltered = new DetectionEngine(set, CorrelationConfig.DEFAULT, config,
                EvaluationMode.PREFILTERED);
        final DetectionEngine reference = new DetectionEngine(set, CorrelationConfig.DEFAULT, config,
                EvaluationMode.EVERY_RULE);
        int alerts = 0;
        for (Input in : inputs) {
            final CollectingSink a = new CollectingSink();
            final CollectingSink b = new CollectingSink();
            prefiltered.evaluate(in.event(), in.declared(), a);
            reference.evaluate(in.event(), in.declared(), b);
            assertThat(a.alerts).as("alerts on %s declared %s", in.event().json(), in.declared())
                    .isEqualTo(b.alerts);
            alerts += b.alerts.size();
        }
        assertThat(prefiltered.hitsSnapshot()).isEqualTo(reference.hitsSnapshot());
        Statistics.label("alerts").collect(alerts == 0 ? "none" : "some");
        Statistics.label("alerts").coverage(c -> c.check("some").percentage(p -> p > 25));
    }

    /**
     * The whole Sigma corpus on its regression events (as exported, and with the exporter's {@code Event.EventData.}
     * and {@code Event.System.} prefixes removed so the rules' fields resolve) and on loghub's Linux and OpenSSH
     * lines, each undeclared and declared. Runs only with {@code -D}{@value #CORPUS_PROPERTY}{@code =DIR} naming the
     * shared corpus root (read in place, never copied): {@code ./mvnw -B -o -pl detect -am verify
     * -Dtest=DetectionEnginePrefilterTest -Dsurefire.failIfNoSpecifiedTests=false
     * -Dwatchfloor.test.corpusDir=../shared/corpus}.
     */
    @Test
    void shouldRaiseTheSameAlertsOnTheSigmaCorpus() throws IOException {
        final String dir = System.getProperty(CORPUS_PROPERTY);
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "sigma")),
                "-D" + CORPUS_PROPERTY + " names no corpus with a sigma/ folder");
        final Path corpus = Path.of(dir);
        final List<Path> ruleDirs;
        try (Stream<Path> list = Files.list(corpus.resolve("sigma"))) {
            ruleDirs = list.filter(p -> p.getFileName().toString().startsWith("rules")).sorted()
                    .collect(Collectors.toList());
        }
        final RuleSet set = RuleLoader.load(ruleDirs, Map.of());
        assertThat(set.rules()).hasSizeGreaterThan(3000);
        final List<Input> inputs = new ArrayList<>();
        final List<Path> eventFiles;
        try (Stream<Path> walk = Files.walk(corpus.resolve("sigma/regression_data"))) {
            eventFiles = walk.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
        final LogSource windows = new LogSource("windows", null, null);
        for (Path f : eventFiles) {
            for (Map<String, Object> flat : JsonEvents.readAll(f)) {
                final Map<String, Object> stripped = new LinkedHashMap<>();
                flat.forEach((k, v) -> stripped.putIfAbsent(k.replaceFirst("^Event\\.(EventData|System)\\.", ""), v));
                for (LogSource declared : java.util.Arrays.asList(null, windows)) {
                    inputs.add(new Input(TestEvents.json(flat), declared));
                    inputs.add(new Input(TestEvents.json(stripped), declared));
                }
            }
        }
        final java.util.regex.Pattern bsd = java.util.regex.Pattern.compile(
                "^\\w{3} +\\d+ [\\d:]{8} (\\S+) ([^:\\[]+(?:\\([^)]*\\))?)(?:\\[(\\d+)\\])?: (.*)$");
        final LogSource linux = new LogSource("linux", null, null);
        for (String log : List.of("loghub/Linux/Linux_2k.log", "loghub/OpenSSH/OpenSSH_2k.log")) {
            for (String line : Files.readAllLines(corpus.resolve(log), StandardCharsets.UTF_8)) {
                final java.util.regex.Matcher m = bsd.matcher(line);
                if (m.matches()) {
                    final Event e = TestEvents.syslog(m.group(1), m.group(2), m.group(3) == null ? "-" : m.group(3),
                            m.group(4));
                    inputs.add(new Input(e, null));
                    inputs.add(new Input(e, linux));
                }
            }
        }
        final DetectionEngine prefiltered = new DetectionEngine(set, CorrelationConfig.DEFAULT,
                DetectionConfig.DEFAULT, EvaluationMode.PREFILTERED);
        final DetectionEngine reference = new DetectionEngine(set, CorrelationConfig.DEFAULT,
                DetectionConfig.DEFAULT, EvaluationMode.EVERY_RULE);
        int alerts = 0;
        for (Input in : inputs) {
            final CollectingSink a = new CollectingSink();
            final CollectingSink b = new CollectingSink();
            prefiltered.evaluate(in.event(), in.declared(), a);
            reference.evaluate(in.event(), in.declared(), b);
            assertThat(a.alerts).as("alerts on %s", in.event().isJson() ? in.event().json() : "a syslog line")
                    .isEqualTo(b.alerts);
            alerts += b.alerts.size();
        }
        assertThat(prefiltered.hitsSnapshot()).isEqualTo(reference.hitsSnapshot());
        assertThat(inputs).hasSizeGreaterThan(4000);
        assertThat(alerts).as("alerts over %d inputs", inputs.size()).isGreaterThan(500);
    }

    @Test
    void shouldSampleEveryRulesCostWithSkippedRulesAtZero() {
        final RuleSet set = RuleLoader.loadText(Path.of("t.yml"),
                "title: A\nid: a\nlogsource: {product: linux}\ndetection:\n  s:\n    message|contains: alpha\n"
                        + "  condition: s\n---\n"
                        + "title: B\nid: b\nlogsource: {product: linux}\ndetection:\n  s:\n    message|contains: beta\n"
                        + "  condition: s\n");
        final DetectionConfig everyEvent = new DetectionConfig(RuleSuppression.OFF, 100, 1, 8, 256);
        final DetectionEngine engine = new DetectionEngine(set, CorrelationConfig.DEFAULT, everyEvent);
        final CollectingSink sink = new CollectingSink();
        engine.evaluate(TestEvents.line("app", "ALPHA here"), null, sink);
        assertThat(sink.ruleIds()).containsExactly("a");
        final List<RuleStats> stats = engine.ruleStats();
        assertThat(stats).extracting(RuleStats::evalSamples).containsExactly(1L, 1L);
        assertThat(stats.get(0).evalNsTotal()).isPositive();
        assertThat(stats.get(1).evalNsTotal()).as("b was skipped by the prefilter").isZero();
        assertThat(engine.sampledEvents()).isEqualTo(1);
        assertThat(engine.sampledNsTotal()).isGreaterThanOrEqualTo(stats.get(0).evalNsTotal());
    }

    @Test
    void shouldKeepRoutingCorrectPastTheRouteBound() {
        final RuleSet set = RuleLoader.loadText(Path.of("t.yml"),
                "title: A\nid: a\nlogsource: {product: p7}\ndetection:\n  s:\n    message|contains: alpha\n"
                        + "  condition: s\n");
        final DetectionEngine engine = new DetectionEngine(set);
        final CollectingSink sink = new CollectingSink();
        for (int i = 0; i < RuleRouter.MAX_ROUTES + 10; i++) {
            engine.evaluate(TestEvents.line("app", "alpha"), new LogSource("p" + i, null, null), sink);
        }
        assertThat(sink.alerts).hasSize(1);
        engine.evaluate(TestEvents.line("app", "alpha"), new LogSource("p7", null, null), sink);
        assertThat(sink.alerts).hasSize(2);
    }
}
