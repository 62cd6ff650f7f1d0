package io.watchfloor.detect.offline;

import io.watchfloor.detect.mapping.FieldMapping;
import io.watchfloor.detect.rule.RuleLoader;
import io.watchfloor.detect.rule.RuleRejection;
import io.watchfloor.detect.rule.RuleSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs SigmaHQ-style regression data: every {@code regression_data/**}{@code /info.yml} under a directory names rule
 * ids ({@code rule_metadata[].id}) and tests ({@code regression_tests_info[]} with {@code match_count} and the
 * {@code path} of an event capture, whose {@code .json} twin holds the events). Each test passes when each named
 * rule matches exactly {@code match_count} of those events. Rules come from the directory's {@code rules*}
 * subdirectories, or from the directory itself when it has none. Runs on one thread.
 */
public final class RegressionRunner {
    /** Name of the directory holding the regression data. */
    public static final String REGRESSION_DIR = "regression_data";

    private RegressionRunner() {
    }

    /**
     * @param placeholders {@code expand} placeholder values by name
     * @return one result per test and rule, in file order
     * @throws IOException when {@code dir} cannot be listed
     */
    public static List<RegressionResult> run(Path dir, FieldMapping mapping, Map<String, List<String>> placeholders)
            throws IOException {
        return run(dir, mapping, placeholders, false);
    }

    /**
     * @param atLeast treat {@code match_count} as a minimum, as SigmaHQ's own runner does (it only checks that the
     *     rule fires); by default the count must be exact
     * @return one result per test and rule, in file order
     * @throws IOException when {@code dir} cannot be listed
     */
    public static List<RegressionResult> run(Path dir, FieldMapping mapping, Map<String, List<String>> placeholders,
                                             boolean atLeast) throws IOException {
        final List<Path> ruleDirs;
        try (Stream<Path> list = Files.list(dir)) {
            ruleDirs = list.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith("rules"))
                    .sorted().collect(Collectors.toList());
        }
        final RuleSet set = RuleLoader.load(ruleDirs.isEmpty() ? List.of(dir) : ruleDirs, placeholders);
        final RuleMatcher matcher = new RuleMatcher(set, mapping);
        final Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < set.rules().size(); i++) {
            index.put(set.rules().get(i).id(), i);
        }
        final Map<String, String> rejected = new HashMap<>();
        for (RuleRejection r : set.rejections()) {
            if (r.ruleId() != null) {
                rejected.put(r.ruleId(), r.code() + ": " + r.reason());
            }
        }
        final Path data = dir.resolve(REGRESSION_DIR);
        final List<Path> infos;
        if (!Files.isDirectory(data)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(data)) {
            infos = walk.filter(p -> p.getFileName().toString().equals("info.yml")).sorted()
                    .collect(Collectors.toList());
        }
        final List<RegressionResult> out = new ArrayList<>();
        for (Path info : infos) {
            runInfo(dir, info, matcher, index, rejected, atLeast, out);
        }
        return out;
    }

    private static void runInfo(Path dir, Path info, RuleMatcher matcher, Map<String, Integer> index,
                                Map<String, String> rejected, boolean atLeast, List<RegressionResult> out) {
        final Map<?, ?> doc;
        try {
            final Object o = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(info));
            if (!(o instanceof Map)) {
                out.add(new RegressionResult(info, null, "-", 0, false, -1, "info.yml is not a map"));
                return;
            }
            doc = (Map<?, ?>) o;
        } catch (IOException | RuntimeException e) {
            out.add(new RegressionResult(info, null, "-", 0, false, -1, "info.yml cannot be read: " + e.getMessage()));
            return;
        }
        final List<String> ruleIds = new ArrayList<>();
        for (Object m : list(doc.get("rule_metadata"))) {
            if (m instanceof Map && ((Map<?, ?>) m).get("id") != null) {
                ruleIds.add(String.valueOf(((Map<?, ?>) m).get("id")));
            }
        }
        if (ruleIds.isEmpty()) {
            out.add(new RegressionResult(info, null, "-", 0, false, -1, "rule_metadata names no rule id"));
            return;
        }
        for (Object t : list(doc.get("regression_tests_info"))) {
            if (!(t instanceof Map)) {
                continue;
            }
            final Map<?, ?> test = (Map<?, ?>) t;
            final String name = String.valueOf(test.get("name"));
            final Object count = test.get("match_count");
            // a test without match_count expects the rule to fire, as SigmaHQ's own runner checks
            final int expected = count == null ? 1 : count instanceof Number ? ((Number) count).intValue() : -1;
            final boolean minimum = atLeast || count == null;
            for (String ruleId : ruleIds) {
                out.add(runTest(dir, info, test, name, expected, ruleId, matcher, index, rejected, minimum));
            }
        }
    }

    private static RegressionResult runTest(Path dir, Path info, Map<?, ?> test, String name, int expected,
                                            String ruleId, RuleMatcher matcher, Map<String, Integer> index,
                                            Map<String, String> rejected, boolean minimum) {
        if (expected < 0) {
            return new RegressionResult(info, ruleId, name, expected, minimum, -1, "match_count is not a number");
        }
        final Integer rule = index.get(ruleId);
        if (rule == null) {
            final String why = rejected.get(ruleId);
            return new RegressionResult(info, ruleId, name, expected, minimum, -1,
                    why != null ? "rule rejected: " + why : "rule not found");
        }
        final Path events = eventFile(dir, info, test.get("path"), ruleId);
        if (events == null) {
            return new RegressionResult(info, ruleId, name, expected, minimum, -1, "event file not found");
        }
        final List<Map<String, Object>> list;
        try {
            list = JsonEvents.readAll(events);
        } catch (IOException | RuntimeException e) {
            return new RegressionResult(info, ruleId, name, expected, minimum, -1,
                    "events cannot be read: " + e.getMessage());
        }
        int matched = 0;
        for (Map<String, Object> e : list) {
            if (matcher.matches(rule, e)) {
                matched++;
            }
        }
        return new RegressionResult(info, ruleId, name, expected, minimum, matched, null);
    }

    /** The test's {@code path} with a {@code .json} extension, relative to the root or to info.yml's directory. */
    private static Path eventFile(Path dir, Path info, Object path, String ruleId) {
        final List<Path> candidates = new ArrayList<>();
        if (path != null) {
            final String p = String.valueOf(path).replaceFirst("\\.[A-Za-z0-9]+$", "") + ".json";
            candidates.add(dir.resolve(p));
            candidates.add(info.resolveSibling(Path.of(p).getFileName()));
        }
        candidates.add(info.resolveSibling(ruleId + ".json"));
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return c;
            }
        }
        return null;
    }

    private static List<?> list(Object o) {
        return o instanceof List ? (List<?>) o : List.of();
    }
}
