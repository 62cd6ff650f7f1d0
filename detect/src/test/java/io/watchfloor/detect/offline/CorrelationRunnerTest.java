package io.watchfloor.detect.offline;

import io.watchfloor.detect.correlation.CorrelationConfig;
import io.watchfloor.detect.correlation.CorrelationFiring;
import io.watchfloor.detect.mapping.FieldMapping;
import io.watchfloor.detect.rule.CompiledRule;
import io.watchfloor.detect.rule.RuleLoader;
import io.watchfloor.detect.rule.RuleSet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationRunnerTest {
    private static final String RULE = "title: Failed\nid: f\nlogsource: {product: linux}\n"
            + "detection:\n  k: ['Failed password']\n  condition: k\n";

    private static List<CorrelationFiring> run(String correlation, String... lines) throws IOException {
        final RuleSet set = RuleLoader.loadText(Path.of("r.yml"), RULE + "---\n" + correlation);
        assertThat(set.rejections()).isEmpty();
        final RuleMatcher matcher = new RuleMatcher(set, FieldMapping.none());
        final CorrelationRunner runner = new CorrelationRunner(set, matcher, CorrelationConfig.DEFAULT);
        final List<CorrelationFiring> out = new ArrayList<>();
        for (int n = 0; n < lines.length; n++) {
            final Map<String, Object> flat = JsonEvents.parseLine(lines[n]);
            final List<CompiledRule> matched = new ArrayList<>();
            for (int i : matcher.match(flat)) {
                matched.add(matcher.rules().get(i));
            }
            out.addAll(runner.accept(n, flat, matched));
        }
        out.addAll(runner.finish());
        return out;
    }

    @Test
    void shouldDriveWindowsFromTimestampsAndReportLineNumbers() throws IOException {
        final String c = "title: Brute\nid: b\ncorrelation: {type: event_count, rules: [f], group-by: [user],"
                + " timespan: 1m, condition: {gte: 2}}\n";
        assertThat(run(c,
                "{\"@timestamp\":\"2024-05-01T12:00:00Z\",\"message\":\"Failed password\",\"user\":\"root\"}",
                "{\"@timestamp\":\"2024-05-01T12:00:05Z\",\"message\":\"Accepted password\",\"user\":\"root\"}",
                "{\"@timestamp\":\"2024-05-01T12:05:00Z\",\"message\":\"Failed password\",\"user\":\"root\"}",
                "{\"@timestamp\":\"2024-05-01T12:05:30Z\",\"message\":\"Failed password\",\"user\":\"root\"}"))
                .singleElement().satisfies(f -> {
                    assertThat(f.events()).containsExactly(2L, 3L);
                    assertThat(f.group()).containsEntry("user", "root");
                });
    }

    @Test
    void shouldStepOneSecondPerLineWithoutTimestamps() throws IOException {
        final String c = "title: Brute\nid: b\ncorrelation: {type: event_count, rules: [f],"
                + " timespan: 2s, condition: {gte: 3}}\n";
        final String failed = "{\"message\":\"Failed password\"}";
        final String other = "{\"message\":\"other\"}";
        assertThat(run(c, failed, other, failed, failed)).as("lines 0..3 span 3 s > 2 s").isEmpty();
        assertThat(run(c, failed, failed, failed)).singleElement()
                .satisfies(f -> assertThat(f.events()).containsExactly(0L, 1L, 2L));
    }

    @Test
    void shouldReportWindowsDecidedAtTheEndOfInput() throws IOException {
        final String c = "title: Few\nid: few\ncorrelation: {type: event_count, rules: [f],"
                + " timespan: 1h, condition: {lt: 3}}\n";
        assertThat(run(c, "{\"message\":\"Failed password\"}")).singleElement()
                .satisfies(f -> assertThat(f.events()).containsExactly(0L));
    }
}
