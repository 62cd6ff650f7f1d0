package io.watchfloor.detect.rule;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Sigma condition grammar (specification §condition), a match and a near-miss per feature. */
class ConditionGrammarTest {
    private static final String SELECTIONS = "  sel_a: {a: '1'}\n  sel_b: {b: '1'}\n  filter_c: {c: '1'}\n"
            + "  _private: {p: '1'}\n";

    private static SigmaRuleFixture cond(String condition) {
        return SigmaRuleFixture.of(SELECTIONS + "  condition: " + condition + "\n");
    }

    private static Map<String, Object> ev(String... keys) {
        final Map<String, Object> m = new java.util.HashMap<>();
        for (String k : keys) {
            m.put(k, "1");
        }
        return m;
    }

    @Test
    void shouldEvaluateAndOrNot() {
        assertThat(cond("sel_a and sel_b").matches(ev("a", "b"))).isTrue();
        assertThat(cond("sel_a and sel_b").matches(ev("a"))).isFalse();
        assertThat(cond("sel_a or sel_b").matches(ev("b"))).isTrue();
        assertThat(cond("sel_a or sel_b").matches(ev("c"))).isFalse();
        assertThat(cond("sel_a and not filter_c").matches(ev("a"))).isTrue();
        assertThat(cond("sel_a and not filter_c").matches(ev("a", "c"))).isFalse();
    }

    @Test
    void shouldBindAndTighterThanOrAndNotTighterThanAnd() {
        // a or (b and (not c))
        final SigmaRuleFixture r = cond("sel_a or sel_b and not filter_c");
        assertThat(r.matches(ev("a", "c"))).isTrue();
        assertThat(r.matches(ev("b", "c"))).isFalse();
        assertThat(r.matches(ev("b"))).isTrue();
    }

    @Test
    void shouldGroupWithParentheses() {
        final SigmaRuleFixture r = cond("(sel_a or sel_b) and not filter_c");
        assertThat(r.matches(ev("b"))).isTrue();
        assertThat(r.matches(ev("a", "c"))).isFalse();
    }

    @Test
    void shouldQuantifyOverPatterns() {
        assertThat(cond("1 of sel_*").matches(ev("b"))).isTrue();
        assertThat(cond("1 of sel_*").matches(ev("c"))).isFalse();
        assertThat(cond("all of sel_*").matches(ev("a", "b"))).isTrue();
        assertThat(cond("all of sel_*").matches(ev("a"))).isFalse();
        assertThat(cond("1 of sel_* and not 1 of filter_*").matches(ev("a"))).isTrue();
        assertThat(cond("1 of sel_* and not 1 of filter_*").matches(ev("a", "c"))).isFalse();
        assertThat(cond("sel_a and not all of filter_*").matches(ev("a"))).isTrue();
    }

    @Test
    void shouldExcludeUnderscoreIdentifiersFromThem() {
        assertThat(cond("1 of them").matches(ev("c"))).isTrue();
        assertThat(cond("1 of them").matches(ev("p"))).isFalse();
        assertThat(cond("all of them").matches(ev("a", "b", "c"))).isTrue();
        assertThat(cond("all of them").matches(ev("a", "b"))).isFalse();
    }

    @Test
    void shouldOrTheItemsOfAConditionList() {
        final SigmaRuleFixture r = SigmaRuleFixture.of(SELECTIONS + "  condition:\n    - sel_a\n    - sel_b\n");
        assertThat(r.matches(ev("b"))).isTrue();
        assertThat(r.matches(ev("c"))).isFalse();
    }

    @Test
    void shouldRejectBadConditionsWithNamedReasons() {
        assertThat(SigmaRuleFixture.rejection(SELECTIONS + "  condition: 1 of nomatch_*\n", Map.of()).code())
                .isEqualTo("condition_invalid");
        assertThat(SigmaRuleFixture.rejection(SELECTIONS + "  condition: sel_a | count() > 3\n", Map.of()).code())
                .isEqualTo("legacy_aggregation");
    }

    @Test
    void shouldApplyMetaFilterOnlyToTheRulesItNames() {
        final String yaml = "title: A\nid: rule-a\nlogsource: {product: test}\ndetection:\n  s: {user: x}\n"
                + "  condition: s\n---\n"
                + "title: B\nid: rule-b\nname: rule_b\nlogsource: {product: test}\ndetection:\n  s: {user: x}\n"
                + "  condition: s\n---\n"
                + "title: F\nid: filter-1\nlogsource: {product: test}\nfilter:\n  rules: [rule_b]\n"
                + "  sel: {host: build-01.example.com}\n  condition: sel\n";
        final RuleSet set = RuleLoader.loadText(Path.of("f.yml"), yaml);
        assertThat(set.rejections()).isEmpty();
        assertThat(set.filterCount()).isEqualTo(1);
        final io.watchfloor.detect.offline.RuleMatcher m = new io.watchfloor.detect.offline.RuleMatcher(set,
                io.watchfloor.detect.mapping.FieldMapping.none());
        final Map<String, Object> filtered = Map.of("user", "x", "host", "build-01.example.com");
        final Map<String, Object> kept = Map.of("user", "x", "host", "web-01.example.com");
        assertThat(m.match(filtered)).containsExactly(0);
        assertThat(m.match(kept)).containsExactly(0, 1);
    }

    @Test
    void shouldCarryRuleMetadata() {
        final RuleSet set = RuleLoader.loadText(Path.of("m.yml"), "title: M\nid: m-1\nstatus: test\nlevel: high\n"
                + "tags: [attack.t1059]\nfalsepositives: [admins]\nfields: [CommandLine]\n"
                + "references: ['https://example.com/x']\nlogsource: {product: test}\n"
                + "detection:\n  s: [x]\n  condition: s\n");
        final RuleMetadata meta = set.rules().get(0).metadata();
        assertThat(meta.id()).isEqualTo("m-1");
        assertThat(meta.status()).isEqualTo("test");
        assertThat(meta.level()).isEqualTo("high");
        assertThat(meta.tags()).containsExactly("attack.t1059");
        assertThat(meta.falsePositives()).containsExactly("admins");
        assertThat(meta.fields()).containsExactly("CommandLine");
        assertThat(meta.references()).containsExactly("https://example.com/x");
    }
}
