package io.watchfloor.detect.match;

import io.watchfloor.detect.rule.CompiledRule;
import io.watchfloor.detect.rule.RuleLoader;
import io.watchfloor.detect.rule.RuleSet;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequiredLiteralsTest {
    /** @return the rule's clauses as "field:literal|field:literal" strings, most selective first */
    private static List<String> clauses(String detection) {
        return clauses(detection, Map.of());
    }

    private static List<String> clauses(String detection, Map<String, List<String>> placeholders) {
        final RuleSet set = RuleLoader.loadText(Path.of("t.yml"), "title: T\nid: t-1\nlogsource: {product: test}\n"
                + "detection:\n" + detection, placeholders);
        assertThat(set.rejections()).as("rejections").isEmpty();
        final CompiledRule rule = set.rules().get(0);
        final RequiredLiterals req = rule.requiredLiterals();
        final List<String> out = new ArrayList<>();
        for (int c = 0; c < req.clauseCount(); c++) {
            final List<String> pairs = new ArrayList<>();
            for (int i = 0; i < req.size(c); i++) {
                pairs.add(set.fields().name(req.fieldId(c, i)).replace(FieldRegistry.KEYWORDS_NAME, "kw") + ":"
                        + req.literal(c, i));
            }
            out.add(String.join("|", pairs));
        }
        return out;
    }

    @Test
    void shouldRequireTheLongestWildcardFreeRunOfEachValueFolded() {
        assertThat(clauses("  sel:\n    Image|endswith: '\\CMD.exe'\n    CommandLine: '*/c *whoami*'\n"
                + "  condition: sel\n")).containsExactly("Image:\\cmd.exe", "CommandLine:whoami");
    }

    @Test
    void shouldJoinTheValuesOfAListAndTheAlternativesOfAListOfMaps() {
        assertThat(clauses("  sel:\n    - Image|endswith: ['\\a.exe', '\\bb.exe']\n    - OriginalFileName: c.exe\n"
                + "  condition: sel\n")).containsExactly("Image:\\a.exe|Image:\\bb.exe|OriginalFileName:c.exe");
    }

    @Test
    void shouldRequireEveryValueWithAll() {
        assertThat(clauses("  sel:\n    CommandLine|contains|all: [' -enc ', 'hidden']\n  condition: sel\n"))
                .containsExactlyInAnyOrder("CommandLine: -enc ", "CommandLine:hidden");
    }

    @Test
    void shouldKeepTheClausesOfEveryAndTermAndSkipNegations() {
        assertThat(clauses("  a:\n    Image|endswith: '\\reg.exe'\n  b:\n    CommandLine|contains: ' add '\n"
                + "  f:\n    User: SYSTEM\n  condition: a and b and not f\n"))
                .containsExactly("Image:\\reg.exe", "CommandLine: add ");
        assertThat(clauses("  a:\n    Image|endswith: '\\x.exe'\n  b:\n    CommandLine|contains: yy\n"
                + "  condition: all of them\n")).hasSize(2);
    }

    @Test
    void shouldJoinTheMostSelectiveClauseOfEachOrTerm() {
        assertThat(clauses("  a:\n    Image|endswith: '\\reg.exe'\n    CommandLine|contains: q\n"
                + "  b:\n    ParentImage|endswith: '\\cmd.exe'\n  condition: a or b\n"))
                .containsExactly("Image:\\reg.exe|ParentImage:\\cmd.exe");
        assertThat(clauses("  sel_a:\n    Image: abc\n  sel_b:\n    Image: def\n  condition: 1 of sel_*\n"))
                .containsExactly("Image:abc|Image:def");
    }

    @Test
    void shouldRequireNothingWhenATermOfAnOrRequiresNothing() {
        assertThat(clauses("  a:\n    Image: abc\n  b:\n    Image|exists: true\n  condition: a or b\n")).isEmpty();
        assertThat(clauses("  a:\n    Image: abc\n  condition: not a\n")).isEmpty();
        assertThat(clauses("  a:\n    - Image: abc\n    - Image: null\n  condition: a\n")).isEmpty();
        assertThat(clauses("  a:\n    Image|neq: abc\n  condition: a\n")).isEmpty();
        assertThat(clauses("  a:\n    Image|fieldref: ParentImage\n  condition: a\n")).isEmpty();
        assertThat(clauses("  a:\n    DestinationIp|cidr: 10.0.0.0/8\n  condition: a\n")).isEmpty();
        assertThat(clauses("  a:\n    EventID|gt: 4\n  condition: a\n")).isEmpty();
        assertThat(clauses("  a:\n    Image: '*'\n  condition: a\n")).isEmpty();
        assertThat(clauses("  a:\n    Image: ['abc', null]\n  condition: a\n")).isEmpty();
    }

    @Test
    void shouldRequireWhatTheRegexRequires() {
        assertThat(clauses("  a:\n    CommandLine|re: '(?i)invoke-(expression|webrequest)'\n  condition: a\n"))
                .containsExactly("CommandLine:expression|CommandLine:webrequest");
        assertThat(clauses("  a:\n    CommandLine|re: '.{100,}'\n  condition: a\n")).isEmpty();
    }

    @Test
    void shouldRequireOneOfTheTransformedVariants() {
        assertThat(clauses("  a:\n    CommandLine|windash|contains: ' -enc'\n  condition: a\n"))
                .containsExactly("CommandLine: -enc|CommandLine: /enc|CommandLine: \u2013enc|CommandLine: \u2014enc"
                        + "|CommandLine: \u2015enc");
        assertThat(clauses("  a:\n    CommandLine|base64offset|contains: 'http'\n  condition: a\n"))
                .containsExactly("CommandLine:ahr0c|CommandLine:h0dh|CommandLine:odhrw");
        assertThat(clauses("  a:\n    User|expand: '%admins%'\n  condition: a\n",
                Map.of("admins", List.of("root", "adm")))).containsExactly("User:root|User:adm");
    }

    @Test
    void shouldSearchKeywordsInThePseudoField() {
        assertThat(clauses("  keywords:\n    - 'failed password'\n    - 'Invalid user'\n  condition: keywords\n"))
                .containsExactly("kw:led password|kw:invalid user");
    }

    @Test
    void shouldCutLongLiteralsToTheirLastCharacters() {
        assertThat(clauses("  a:\n    Image|endswith: '\\Windows\\System32\\svchost.exe'\n  condition: a\n"))
                .containsExactly("Image:\\svchost.exe");
        assertThat(clauses("  a:\n    Hashes|contains: ['MD5=0123456789abcdef0123456789abcdef', "
                + "'SHA1=11112222333344445555666677778888aaaabbbb']\n  condition: a\n"))
                .containsExactly("Hashes:456789abcdef|Hashes:8888aaaabbbb");
    }

    @Test
    void shouldKeepOnlyTheMostSelectiveClausesOfALongConjunction() {
        final StringBuilder d = new StringBuilder("  sel:\n    CommandLine|contains|all:\n");
        for (int i = 0; i < RequiredLiterals.MAX_CLAUSES + 3; i++) {
            d.append("      - '").append("x".repeat(i + 1)).append("y'\n");
        }
        final List<String> c = clauses(d.append("  condition: sel\n").toString());
        assertThat(c).hasSize(RequiredLiterals.MAX_CLAUSES);
        assertThat(c.get(0)).isEqualTo("CommandLine:" + "x".repeat(RequiredLiterals.MAX_CLAUSES + 3) + "y");
        assertThat(c).doesNotContain("CommandLine:xy");
    }
}
