package io.watchfloor.detect.rule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleLoaderTest {
    private static final String GOOD = "title: Good\nid: good-1\nstatus: test\nlevel: high\n"
            + "logsource: {product: linux, service: sshd}\n"
            + "detection:\n  keywords: ['failed']\n  condition: keywords\n";

    private static String rule(String id, String detection) {
        return "title: T\nid: " + id + "\nlogsource: {product: linux}\ndetection:\n" + detection;
    }

    private static String reasonOf(String yaml) {
        final RuleSet set = RuleLoader.loadText(Path.of("x.yml"), yaml);
        assertThat(set.rules()).isEmpty();
        assertThat(set.rejections()).hasSize(1);
        return set.rejections().get(0).reason();
    }

    @Test
    void shouldLoadRulesRecursivelyAndRejectBadOnesAlone(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("linux/sshd"));
        Files.writeString(dir.resolve("linux/sshd/good.yml"), GOOD);
        Files.writeString(dir.resolve("bad.yaml"), rule("bad-1", "  s:\n    message|bogus: x\n  condition: s\n"));
        Files.writeString(dir.resolve("notes.txt"), "not a rule");
        final RuleSet set = RuleLoader.load(dir);
        assertThat(set.rules()).extracting(CompiledRule::id).containsExactly("good-1");
        final CompiledRule r = set.rules().get(0);
        assertThat(r.title()).isEqualTo("Good");
        assertThat(r.level()).isEqualTo("high");
        assertThat(r.logSource()).isEqualTo(new LogSource("linux", "sshd", null));
        assertThat(set.rejections()).singleElement().satisfies(rej -> {
            assertThat(rej.file()).isEqualTo(dir.resolve("bad.yaml"));
            assertThat(rej.ruleId()).isEqualTo("bad-1");
            assertThat(rej.reason()).contains("unknown modifier 'bogus'");
        });
    }

    @Test
    void shouldThrowOnlyForMissingDirectory(@TempDir Path dir) {
        assertThatThrownBy(() -> RuleLoader.load(dir.resolve("absent"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void shouldLoadSeveralDocumentsWithACorrelation() {
        final String yaml = GOOD + "---\n" + GOOD.replace("good-1", "good-2") + "---\n"
                + "title: Many failures\nid: corr-1\ncorrelation:\n  type: event_count\n  rules: [good-1]\n"
                + "  group-by: [host.name]\n  timespan: 5m\n  condition: {gte: 10}\n";
        final RuleSet set = RuleLoader.loadText(Path.of("multi.yml"), yaml);
        assertThat(set.rules()).extracting(CompiledRule::id).containsExactly("good-1", "good-2");
        assertThat(set.rejections()).isEmpty();
        assertThat(set.correlations()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("corr-1");
            assertThat(c.rules()).containsExactly("good-1");
            assertThat(c.timespanMs()).isEqualTo(300_000L);
            assertThat(c.condition().test(10)).isTrue();
            assertThat(c.condition().test(9)).isFalse();
        });
    }

    @Test
    void shouldUseFileStemWhenIdIsMissing() {
        final RuleSet set = RuleLoader.loadText(Path.of("dir/my_rule.yml"), GOOD.replace("id: good-1\n", ""));
        assertThat(set.rules()).extracting(CompiledRule::id).containsExactly("my_rule");
        assertThat(set.rules().get(0).file()).isEqualTo(Path.of("dir/my_rule.yml"));
    }

    @Test
    void shouldNameEachRejectionReason() {
        assertThat(reasonOf("id: x\nlogsource: {product: linux}\ndetection: {s: [a], condition: s}\n"))
                .isEqualTo("missing 'title'");
        assertThat(reasonOf("title: T\ndetection: {s: [a], condition: s}\n")).isEqualTo("missing 'logsource'");
        assertThat(reasonOf("title: T\nlogsource: {product: linux}\n")).isEqualTo("missing 'detection'");
        assertThat(reasonOf(rule("x", "  s: [a]\n"))).isEqualTo("missing 'detection.condition'");
        assertThat(reasonOf(rule("x", "  s:\n    f|hour: three\n  condition: s\n")))
                .isEqualTo("modifier 'hour' needs a whole number, got 'three' in selection 's' field 'f|hour'");
        assertThat(reasonOf(rule("x", "  s:\n    f|re: 'a(?=b)'\n  condition: s\n")))
                .startsWith("regex not supported by RE2").contains("selection 's'");
        assertThat(reasonOf(rule("x", "  s:\n    f|contains|startswith: a\n  condition: s\n")))
                .contains("conflicting modifiers");
        assertThat(reasonOf(rule("x", "  s:\n    f|contains|all: a\n  condition: s\n")))
                .contains("'all' needs a list");
        assertThat(reasonOf(rule("x", "  s: []\n  condition: s\n"))).isEqualTo("selection 's' is empty");
        assertThat(reasonOf(rule("x", "  s: [a]\n  condition: s and t\n")))
                .isEqualTo("condition: undefined identifier 't'");
        assertThat(reasonOf(rule("x", "  s: [a]\n  condition: 1 of filter_*\n")))
                .isEqualTo("condition: pattern 'filter_*' matches no identifier");
        assertThat(reasonOf(rule("x", "  s: [a]\n  condition: s | count() > 5\n"))).contains("legacy aggregation");
        assertThat(reasonOf(rule("x", "  s: [a]\n  condition: (s\n"))).isEqualTo("condition: missing ')'");
        assertThat(reasonOf(rule("x", "  s: [a]\n  condition: s s\n"))).contains("unexpected 's'");
        assertThat(reasonOf(rule("x", "  s: [a]\n  condition: s and\n"))).contains("unexpected end");
        assertThat(reasonOf(rule("x", "  s: [a]\n  timeframe: 5m\n  condition: s\n"))).contains("timeframe");
        assertThat(reasonOf(GOOD.replace("level: high", "level: severe"))).startsWith("level 'severe'");
        assertThat(reasonOf(GOOD.replace("status: test", "status: deprecated")))
                .isEqualTo("status 'deprecated' rules are not loaded");
        assertThat(reasonOf("title: F\nlogsource: {product: linux}\nfilter:\n  s: [x]\n  condition: s\n"))
                .isEqualTo("'filter.rules' must name at least one rule");
        assertThat(reasonOf("- just\n- a list\n")).isEqualTo("document 1 is not a map");
        assertThat(reasonOf("title: [unclosed\n")).startsWith("invalid YAML in document 1");
    }

    @Test
    void shouldRejectDuplicateIds() {
        final RuleSet set = RuleLoader.loadText(Path.of("d.yml"), GOOD + "---\n" + GOOD);
        assertThat(set.rules()).hasSize(1);
        assertThat(set.rejections()).singleElement()
                .satisfies(r -> assertThat(r.reason()).startsWith("duplicate rule id"));
    }

    @Test
    void shouldBoundYamlAliases() {
        final StringBuilder bomb = new StringBuilder("title: T\na: &a [x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            bomb.append(c).append(": &").append(c).append(" [*").append(prev).append(", *").append(prev)
                    .append(", *").append(prev).append("]\n");
            prev = c;
        }
        assertThat(reasonOf(bomb.toString())).contains("invalid YAML").containsIgnoringCase("aliases");
    }

    @Test
    void shouldRejectNonUtf8AndOversizedFiles(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("latin1.yml"), new byte[] {'t', 'i', 't', 'l', 'e', ':', ' ', (byte) 0xE9, '\n'});
        Files.write(dir.resolve("huge.yml"), new byte[RuleLoader.MAX_FILE_BYTES + 1]);
        final RuleSet set = RuleLoader.load(dir);
        assertThat(set.rejections()).extracting(RuleRejection::reason)
                .containsExactlyInAnyOrder("file is larger than " + RuleLoader.MAX_FILE_BYTES + " bytes",
                        "file is not valid UTF-8");
    }

    @Test
    void shouldKeepPlainScalarsAsWrittenPerYaml12() {
        final RuleSet set = RuleLoader.loadText(Path.of("y.yml"),
                "title: T\nid: y\ndate: 2024-01-02\nlogsource: {product: linux}\n"
                        + "detection:\n  s:\n    flag: yes\n  condition: s\n");
        assertThat(set.rejections()).isEmpty();
    }
}
