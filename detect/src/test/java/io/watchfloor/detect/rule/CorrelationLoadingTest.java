package io.watchfloor.detect.rule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Loading and resolving correlation documents ({@link CorrelationCompiler}, {@link CorrelationResolver}). */
class CorrelationLoadingTest {
    private static final String BASE = "title: Rule %1$s\nid: %1$s\nname: rule_%1$s\nlogsource: {product: linux}\n"
            + "detection:\n  k: ['%1$s']\n  condition: k\n";

    private static String corr(String id, String body) {
        return "title: C " + id + "\nid: " + id + "\nname: n_" + id + "\ncorrelation:\n" + body;
    }

    private static RuleSet load(String yaml) {
        return RuleLoader.loadText(Path.of("c.yml"), yaml);
    }

    @Test
    void shouldResolveReferencesByNameAcrossFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yml"), String.format(BASE, "a"));
        Files.writeString(dir.resolve("z.yml"), corr("c1", "  type: event_count\n  rules: [rule_a]\n"
                + "  group-by: User\n  timespan: 2h\n  condition:\n    gt: 4\n    lte: 9\n"));
        final RuleSet set = RuleLoader.load(dir);
        assertThat(set.rejections()).isEmpty();
        assertThat(set.correlations()).singleElement().satisfies(c -> {
            assertThat(c.rules()).containsExactly("a");
            assertThat(c.groupBy()).containsExactly("User");
            assertThat(c.timespanMs()).isEqualTo(7_200_000L);
            assertThat(c.type()).isEqualTo(CorrelationType.EVENT_COUNT);
            assertThat(c.condition().test(4)).isFalse();
            assertThat(c.condition().test(5)).isTrue();
            assertThat(c.condition().test(9)).isTrue();
            assertThat(c.condition().test(10)).isFalse();
            assertThat(c.condition().monotone()).isFalse();
            assertThat(c.generate()).isFalse();
            assertThat(c.file()).isEqualTo(dir.resolve("z.yml"));
        });
    }

    @Test
    void shouldRejectOnlyTheCorrelationReferencingAnUnknownRule() {
        final RuleSet set = load(String.format(BASE, "a") + "---\n"
                + corr("bad", "  type: event_count\n  rules: [a, missing]\n  timespan: 5m\n  condition: {gte: 2}\n")
                + "---\n" + corr("good", "  type: temporal\n  rules: [a]\n  timespan: 5m\n"));
        assertThat(set.rules()).hasSize(1);
        assertThat(set.correlations()).extracting(CorrelationRule::id).containsExactly("good");
        assertThat(set.rejections()).singleElement().satisfies(r -> {
            assertThat(r.ruleId()).isEqualTo("bad");
            assertThat(r.code()).isEqualTo("correlation_rule_unknown");
            assertThat(r.reason()).contains("'missing'");
        });
    }

    @Test
    void shouldOrderInnerCorrelationsFirstAndRejectCycles() {
        final RuleSet set = load(String.format(BASE, "a") + "---\n"
                + corr("outer", "  type: temporal\n  rules: [n_inner, a]\n  timespan: 5m\n") + "---\n"
                + corr("inner", "  type: event_count\n  rules: [a]\n  timespan: 5m\n  condition: {gte: 2}\n") + "---\n"
                + corr("x", "  type: temporal\n  rules: [y]\n  timespan: 5m\n") + "---\n"
                + corr("y", "  type: temporal\n  rules: [n_x]\n  timespan: 5m\n"));
        assertThat(set.correlations()).extracting(CorrelationRule::id).containsExactly("inner", "outer");
        assertThat(set.correlations().get(1).rules()).containsExactly("inner", "a");
        assertThat(set.rejections()).extracting(RuleRejection::code)
                .containsExactly("correlation_cycle", "correlation_cycle");
    }

    @Test
    void shouldRejectMalformedCorrelationsWithNamedCodes() {
        final RuleSet set = load(String.format(BASE, "a") + "---\n"
                + corr("sum", "  type: value_sum\n  rules: [a]\n  timespan: 5m\n  condition: {gte: 2, field: n}\n")
                + "---\n" + corr("span", "  type: event_count\n  rules: [a]\n  timespan: 5 minutes\n  condition: {gte: 2}\n")
                + "---\n" + corr("nocond", "  type: event_count\n  rules: [a]\n  timespan: 5m\n")
                + "---\n" + corr("nofield", "  type: value_count\n  rules: [a]\n  timespan: 5m\n  condition: {gte: 2}\n")
                + "---\n" + corr("badop", "  type: event_count\n  rules: [a]\n  timespan: 5m\n  condition: {ge: 2}\n"));
        assertThat(set.correlations()).isEmpty();
        assertThat(set.rejections()).extracting(r -> r.ruleId() + ":" + r.code()).containsExactly(
                "sum:correlation_unsupported", "span:correlation_invalid", "nocond:correlation_invalid",
                "nofield:correlation_invalid", "badop:correlation_invalid");
    }

    @Test
    void shouldResolveAliasRuleNamesToIdsAndReadGenerate() {
        final RuleSet set = load(String.format(BASE, "a") + "---\n" + String.format(BASE, "b") + "---\n"
                + corr("al", "  type: temporal\n  rules: [rule_a, rule_b]\n  group-by: [ip]\n  timespan: 1m\n"
                + "  generate: true\n  aliases:\n    ip:\n      rule_a: source.ip\n      rule_b: destination.ip\n"));
        assertThat(set.correlations()).singleElement().satisfies(c -> {
            assertThat(c.fieldFor("ip", "a")).isEqualTo("source.ip");
            assertThat(c.fieldFor("ip", "b")).isEqualTo("destination.ip");
            assertThat(c.fieldFor("User", "a")).isEqualTo("User");
            assertThat(c.generate()).isTrue();
        });
    }

    @Test
    void shouldRejectADuplicateIdBetweenRuleAndCorrelation() {
        final RuleSet set = load(String.format(BASE, "a") + "---\n"
                + corr("a", "  type: temporal\n  rules: [a]\n  timespan: 1m\n"));
        assertThat(set.rejections()).extracting(RuleRejection::code).containsExactly("duplicate_id");
    }
}
