package io.watchfloor.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watchfloor.core.config.ConfigError;
import io.watchfloor.detect.rule.PlaceholderFile;
import io.watchfloor.server.config.ConfigLoader;
import io.watchfloor.detect.correlation.CorrelationConfig;
import io.watchfloor.detect.correlation.CorrelationFiring;
import io.watchfloor.detect.mapping.FieldMapping;
import io.watchfloor.detect.offline.CorrelationRunner;
import io.watchfloor.detect.offline.JsonEvents;
import io.watchfloor.detect.offline.RegressionResult;
import io.watchfloor.detect.offline.RegressionRunner;
import io.watchfloor.detect.offline.RuleMatcher;
import io.watchfloor.detect.offline.RulesCheck;
import io.watchfloor.detect.rule.CompiledRule;
import io.watchfloor.detect.rule.RuleLoader;
import io.watchfloor.detect.rule.RuleRejection;
import io.watchfloor.detect.rule.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code watchfloor rules check|match|test}: offline rule work as detection engineers do it before deploying. The
 * logic lives in {@code io.watchfloor.detect.offline}; this class parses arguments and prints.
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Check, match and regression-test Sigma rules offline.",
        subcommands = {RulesCommand.Check.class, RulesCommand.Match.class, RulesCommand.Test.class})
final class RulesCommand implements Runnable {
    /** Exit code when a directory or file cannot be read (sysexits.h EX_NOINPUT). */
    static final int EXIT_NO_INPUT = 66;
    /** Exit code when a regression test fails. */
    static final int EXIT_TEST_FAILED = 1;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every subcommand shares (a picocli mixin): {@code expand} placeholders and the field mapping. */
    static final class Shared {
        @Option(names = "--placeholders", paramLabel = "FILE",
                description = "YAML map of expand placeholder name to value or list of values; default: the "
                        + "detection.placeholders file of --config, if given.")
        Path placeholders;

        @Option(names = "--config", paramLabel = "FILE",
                description = "watchfloor.yaml whose detection.placeholders file is used when --placeholders is not "
                        + "given.")
        Path config;

        @Option(names = "--mapping", paramLabel = "FILE",
                description = "Field mapping YAML, ahead of the shipped mappings (Windows, Linux syslog, AWS "
                        + "CloudTrail, Zeek, web, ECS); repeatable, the first given wins ties.")
        List<Path> mappings = new ArrayList<>();

        /** @throws IllegalArgumentException naming the file, YAML path and problem when a file is invalid */
        Map<String, List<String>> placeholders() {
            final List<ConfigError> errors = new ArrayList<>();
            Path file = placeholders;
            if (file == null && config != null) {
                final ConfigLoader.Result c = ConfigLoader.load(config);
                if (!c.ok()) {
                    errors.addAll(c.errors());
                } else {
                    file = c.config().detection().placeholders();
                }
            }
            final Map<String, List<String>> out = file == null || !errors.isEmpty() ? Map.of()
                    : PlaceholderFile.load(file, errors);
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException(errors.stream().map(ConfigError::toString)
                        .collect(java.util.stream.Collectors.joining("\n")));
            }
            return out;
        }

        /** @throws IllegalArgumentException naming each file, YAML path and problem when a mapping is invalid */
        FieldMapping mapping() {
            final List<ConfigError> errors = new ArrayList<>();
            final FieldMapping m = FieldMapping.load(mappings, errors);
            if (m == null) {
                throw new IllegalArgumentException(errors.stream().map(ConfigError::toString)
                        .collect(java.util.stream.Collectors.joining("\n")));
            }
            return m;
        }
    }

    /** {@code rules check DIR…}: load totals. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Load every rule file under DIR and print totals: loaded, rejected by reason. "
                    + "Exit 0 unless a directory cannot be read.")
    static final class Check implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "DIR")
        List<Path> dirs;

        @Option(names = {"-v", "--verbose"}, description = "Also print each rejection with file, rule id and reason.")
        boolean verbose;

        @picocli.CommandLine.Mixin
        Shared shared;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            final PrintWriter out = spec.commandLine().getOut();
            final PrintWriter err = spec.commandLine().getErr();
            final RulesCheck check;
            try {
                for (Path d : dirs) {
                    if (!Files.isDirectory(d) || !Files.isReadable(d)) {
                        err.println("error: cannot read directory " + d);
                        err.flush();
                        return EXIT_NO_INPUT;
                    }
                }
                check = RulesCheck.run(dirs, shared.placeholders());
            } catch (IOException | IllegalArgumentException e) {
                err.println("error: " + e);
                err.flush();
                return EXIT_NO_INPUT;
            }
            if (verbose) {
                for (RuleRejection r : check.rejections()) {
                    out.println("rejected: " + r.file() + " [" + r.ruleId() + "] " + r.code() + ": " + r.reason());
                }
            }
            out.print(check.render());
            out.flush();
            return 0;
        }
    }

    /**
     * {@code rules match --rules DIR --events FILE.jsonl}: one JSON line per (event, rule) match, and one per correlation
     * alert ({@code "correlation": true} with the contributing line numbers), printed when the line that decides it is
     * read or, for windows still open, at the end of the file. Windows follow each line's {@code @timestamp}; see
     * {@link CorrelationRunner} for lines without one.
     */
    @Command(name = "match", mixinStandardHelpOptions = true,
            description = "Run every rule under --rules on each JSON line of --events; print one JSON line per match "
                    + "and one per correlation alert.")
    static final class Match implements Callable<Integer> {
        @Option(names = "--rules", required = true, paramLabel = "DIR")
        Path rules;

        @Option(names = "--events", required = true, paramLabel = "FILE")
        Path events;

        @picocli.CommandLine.Mixin
        Shared shared;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            final PrintWriter out = spec.commandLine().getOut();
            final PrintWriter err = spec.commandLine().getErr();
            final ObjectMapper json = new ObjectMapper();
            try {
                final RuleSet set = RuleLoader.load(rules, shared.placeholders());
                for (RuleRejection r : set.rejections()) {
                    err.println("rejected: " + r.file() + " [" + r.ruleId() + "] " + r.code() + ": " + r.reason());
                }
                final FieldMapping mapping = shared.mapping();
                final RuleMatcher matcher = new RuleMatcher(set, mapping);
                final List<CompiledRule> list = matcher.rules();
                final CorrelationRunner correlations = set.correlations().isEmpty() ? null
                        : new CorrelationRunner(set, matcher, CorrelationConfig.DEFAULT);
                try (BufferedReader in = Files.newBufferedReader(events)) {
                    String line;
                    int n = -1;
                    while ((line = in.readLine()) != null) {
                        n++;
                        final Map<String, Object> event;
                        try {
                            event = JsonEvents.parseLine(line);
                        } catch (IOException e) {
                            err.println("event " + n + ": not a JSON object, skipped");
                            continue;
                        }
                        if (event == null) {
                            continue;
                        }
                        final List<CompiledRule> matched = new ArrayList<>();
                        for (int i : matcher.match(event)) {
                            final CompiledRule r = list.get(i);
                            matched.add(r);
                            final ObjectNode o = json.createObjectNode();
                            o.put("event", n);
                            o.put("rule_id", r.id());
                            o.put("rule_path", relative(rules, r.file()));
                            o.put("title", r.title());
                            out.println(json.writeValueAsString(o));
                        }
                        if (correlations != null) {
                            print(out, json, correlations.accept(n, event, matched));
                        }
                    }
                }
                if (correlations != null) {
                    print(out, json, correlations.finish());
                }
            } catch (IOException | IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                out.flush();
                return EXIT_NO_INPUT;
            }
            out.flush();
            err.flush();
            return 0;
        }

        private void print(PrintWriter out, ObjectMapper json, List<CorrelationFiring> firings) throws IOException {
            for (CorrelationFiring f : firings) {
                final ObjectNode o = json.createObjectNode();
                o.put("correlation", true);
                o.put("rule_id", f.rule().id());
                o.put("rule_path", relative(rules, f.rule().file()));
                o.put("title", f.rule().title());
                final com.fasterxml.jackson.databind.node.ArrayNode events = o.putArray("events");
                for (long e : f.events()) {
                    events.add(e);
                }
                if (!f.group().isEmpty()) {
                    final ObjectNode group = o.putObject("group");
                    f.group().forEach(group::put);
                }
                out.println(json.writeValueAsString(o));
            }
        }

        private static String relative(Path root, Path file) {
            try {
                return root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                        .replace('\\', '/');
            } catch (IllegalArgumentException e) {
                return file.toString();
            }
        }
    }

    /** {@code rules test DIR}: SigmaHQ-style regression data. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Run the regression tests under DIR/regression_data against the rules in DIR/rules*; "
                    + "exit 1 when any fails.")
    static final class Test implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR")
        Path dir;

        @Option(names = "--at-least", description = "Treat match_count as a minimum (SigmaHQ's runner only checks "
                + "that the rule fires); default: the count must be exact.")
        boolean atLeast;

        @picocli.CommandLine.Mixin
        Shared shared;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            final PrintWriter out = spec.commandLine().getOut();
            final PrintWriter err = spec.commandLine().getErr();
            if (!Files.isDirectory(dir)) {
                err.println("error: cannot read directory " + dir);
                err.flush();
                return EXIT_NO_INPUT;
            }
            final List<RegressionResult> results;
            try {
                results = RegressionRunner.run(dir, shared.mapping(), shared.placeholders(), atLeast);
            } catch (IOException | IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return EXIT_NO_INPUT;
            }
            int passed = 0;
            for (RegressionResult r : results) {
                if (r.passed()) {
                    passed++;
                } else {
                    out.println("FAIL " + r.describe());
                }
            }
            out.println("tests: " + results.size() + ", passed: " + passed + ", failed: " + (results.size() - passed));
            out.flush();
            return passed == results.size() ? 0 : EXIT_TEST_FAILED;
        }
    }
}
