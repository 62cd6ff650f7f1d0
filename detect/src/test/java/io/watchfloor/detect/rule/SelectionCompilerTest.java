package io.watchfloor.detect.rule;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One match and one near-miss per Sigma 2.1 value modifier, written from the specification's modifier appendix. */
class SelectionCompilerTest {
    private static SigmaRuleFixture rule(String selection) {
        return SigmaRuleFixture.of("  sel:\n" + selection + "  condition: sel\n");
    }

    @Test
    void shouldMatchWholeValueCaseInsensitivelyByDefault() {
        final SigmaRuleFixture r = rule("    Image: 'C:\\Windows\\cmd.exe'\n");
        assertThat(r.matches(Map.of("Image", "c:\\windows\\CMD.EXE"))).isTrue();
        assertThat(r.matches(Map.of("Image", "c:\\windows\\cmd.exe.bak"))).isFalse();
    }

    @Test
    void shouldApplyContainsStartsWithEndsWith() {
        assertThat(rule("    f|contains: mid\n").matches(Map.of("f", "aMIDb"))).isTrue();
        assertThat(rule("    f|contains: mid\n").matches(Map.of("f", "mi-d"))).isFalse();
        assertThat(rule("    f|startswith: abc\n").matches(Map.of("f", "ABCdef"))).isTrue();
        assertThat(rule("    f|startswith: abc\n").matches(Map.of("f", "xabc"))).isFalse();
        assertThat(rule("    f|endswith: .exe\n").matches(Map.of("f", "a.EXE"))).isTrue();
        assertThat(rule("    f|endswith: .exe\n").matches(Map.of("f", "a.exe.txt"))).isFalse();
    }

    @Test
    void shouldRequireEveryValueWithAll() {
        final SigmaRuleFixture r = rule("    f|contains|all: [alpha, beta]\n");
        assertThat(r.matches(Map.of("f", "beta then alpha"))).isTrue();
        assertThat(r.matches(Map.of("f", "alpha only"))).isFalse();
    }

    @Test
    void shouldSearchWithRegexCaseSensitivelyUnlessFlagged() {
        assertThat(rule("    f|re: 'a\\d+b'\n").matches(Map.of("f", "xxa12byy"))).isTrue();
        assertThat(rule("    f|re: 'a\\d+b'\n").matches(Map.of("f", "A12B"))).isFalse();
        assertThat(rule("    f|re|i: 'a\\d+b'\n").matches(Map.of("f", "A12B"))).isTrue();
        assertThat(rule("    f|re: '^b$'\n").matches(Map.of("f", "a\nb"))).isFalse();
        assertThat(rule("    f|re|m: '^b$'\n").matches(Map.of("f", "a\nb"))).isTrue();
        assertThat(rule("    f|re: 'a.b'\n").matches(Map.of("f", "a\nb"))).isFalse();
        assertThat(rule("    f|re|s: 'a.b'\n").matches(Map.of("f", "a\nb"))).isTrue();
    }

    @Test
    void shouldRejectRegexConstructsRe2CannotRunNamingRuleAndSelection() {
        final RuleRejection r = SigmaRuleFixture.rejection("  sel_x:\n    f|re: 'a(?=b)'\n  condition: sel_x\n",
                Map.of());
        assertThat(r.code()).isEqualTo("regex_unsupported");
        assertThat(r.ruleId()).isEqualTo("t-1");
        assertThat(r.reason()).contains("selection 'sel_x'");
        assertThat(SigmaRuleFixture.rejection("  s:\n    f|re: '(a)\\1'\n  condition: s\n", Map.of()).code())
                .isEqualTo("regex_unsupported");
    }

    @Test
    void shouldMatchCasedValuesCaseSensitively() {
        assertThat(rule("    f|cased: Admin\n").matches(Map.of("f", "Admin"))).isTrue();
        assertThat(rule("    f|cased: Admin\n").matches(Map.of("f", "admin"))).isFalse();
        assertThat(rule("    f|contains|cased: Adm\n").matches(Map.of("f", "xAdmx"))).isTrue();
        assertThat(rule("    f|contains|cased: Adm\n").matches(Map.of("f", "xadmx"))).isFalse();
    }

    @Test
    void shouldMatchBase64OfTheValue() {
        final String b64 = Base64.getEncoder().encodeToString("secret".getBytes(StandardCharsets.UTF_8));
        assertThat(rule("    f|base64: secret\n").matches(Map.of("f", b64))).isTrue();
        assertThat(rule("    f|base64|contains: secret\n").matches(Map.of("f", "xx" + b64 + "yy"))).isTrue();
        assertThat(rule("    f|base64: secret\n").matches(Map.of("f", "c2VjcmV0Cg=="))).isFalse();
    }

    @Test
    void shouldMatchBase64OffsetAtEachAlignment() {
        final SigmaRuleFixture r = rule("    f|base64offset|contains: /bin/bash\n");
        for (String prefix : List.of("", "a", "ab", "abc")) {
            final String blob = Base64.getEncoder().encodeToString((prefix + "/bin/bash -i").getBytes(StandardCharsets.UTF_8));
            assertThat(r.matches(Map.of("f", blob))).as("offset %d", prefix.length()).isTrue();
        }
        final String other = Base64.getEncoder().encodeToString("/bin/sh -i".getBytes(StandardCharsets.UTF_8));
        assertThat(r.matches(Map.of("f", other))).isFalse();
    }

    @Test
    void shouldEncodeUtf16BeforeBase64() {
        final String le = Base64.getEncoder().encodeToString("cmd".getBytes(StandardCharsets.UTF_16LE));
        final String be = Base64.getEncoder().encodeToString("cmd".getBytes(StandardCharsets.UTF_16BE));
        assertThat(rule("    f|wide|base64: cmd\n").matches(Map.of("f", le))).isTrue();
        assertThat(rule("    f|utf16le|base64: cmd\n").matches(Map.of("f", le))).isTrue();
        assertThat(rule("    f|utf16be|base64: cmd\n").matches(Map.of("f", be))).isTrue();
        assertThat(rule("    f|wide|base64: cmd\n").matches(Map.of("f", be))).isFalse();
        final byte[] bom = {(byte) 0xFF, (byte) 0xFE, 'c', 0, 'm', 0, 'd', 0};
        assertThat(rule("    f|utf16|base64: cmd\n").matches(Map.of("f", Base64.getEncoder().encodeToString(bom))))
                .isTrue();
        final String wideOffset = Base64.getEncoder().encodeToString("x powershell".getBytes(StandardCharsets.UTF_16LE));
        assertThat(rule("    f|wide|base64offset|contains: powershell\n").matches(Map.of("f", wideOffset))).isTrue();
    }

    @Test
    void shouldAcceptEveryDashWithWindash() {
        final SigmaRuleFixture r = rule("    f|windash|contains: ' -enc '\n");
        for (String dash : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
            assertThat(r.matches(Map.of("f", "powershell " + dash + "enc AAAA"))).as(dash).isTrue();
        }
        assertThat(r.matches(Map.of("f", "powershell +enc AAAA"))).isFalse();
    }

    @Test
    void shouldMatchIpv4AndIpv6NetworksWithCidr() {
        final SigmaRuleFixture r = rule("    ip|cidr: ['192.0.2.0/24', '2001:db8::/32']\n");
        assertThat(r.matches(Map.of("ip", "192.0.2.77"))).isTrue();
        assertThat(r.matches(Map.of("ip", "2001:db8:1::5"))).isTrue();
        assertThat(r.matches(Map.of("ip", "198.51.100.1"))).isFalse();
        assertThat(r.matches(Map.of("ip", "2001:db9::1"))).isFalse();
        assertThat(r.matches(Map.of("ip", "not-an-ip.example.com"))).isFalse();
        assertThat(rule("    ip|cidr: '10.0.0.0/13'\n").matches(Map.of("ip", "10.7.255.255"))).isTrue();
        assertThat(rule("    ip|cidr: '10.0.0.0/13'\n").matches(Map.of("ip", "10.8.0.0"))).isFalse();
    }

    @Test
    void shouldTestPresenceOnlyWithExists() {
        final Map<String, Object> withNull = new java.util.HashMap<>();
        withNull.put("f", null);
        assertThat(rule("    f|exists: true\n").matches(Map.of("f", ""))).isTrue();
        assertThat(rule("    f|exists: true\n").matches(Map.of("g", "x"))).isFalse();
        // presence only, "not its value, be it empty or null"
        assertThat(rule("    f|exists: true\n").matches(withNull)).isTrue();
        assertThat(rule("    f|exists: false\n").matches(withNull)).isFalse();
        assertThat(rule("    f|exists: false\n").matches(Map.of("g", "x"))).isTrue();
        assertThat(rule("    f|exists: false\n").matches(Map.of("f", "x"))).isFalse();
    }

    @Test
    void shouldCompareNumbers() {
        assertThat(rule("    n|lt: 10\n").matches(Map.of("n", 9L))).isTrue();
        assertThat(rule("    n|lt: 10\n").matches(Map.of("n", "10"))).isFalse();
        assertThat(rule("    n|lte: 10\n").matches(Map.of("n", "10"))).isTrue();
        assertThat(rule("    n|lte: 10\n").matches(Map.of("n", "10.5"))).isFalse();
        assertThat(rule("    n|gt: 1024\n").matches(Map.of("n", "1025"))).isTrue();
        assertThat(rule("    n|gt: 1024\n").matches(Map.of("n", "abc"))).isFalse();
        assertThat(rule("    n|gte: 3\n").matches(Map.of("n", 3L))).isTrue();
        assertThat(rule("    n|gte: 3\n").matches(Map.of("n", 2L))).isFalse();
    }

    @Test
    void shouldCompareDatePartsAsWrittenWithoutTimeZoneConversion() {
        final Map<String, Object> ev = Map.of("t", "2024-05-01T23:45:10+02:00");
        assertThat(rule("    t|hour: 23\n").matches(ev)).isTrue();
        assertThat(rule("    t|hour: 21\n").matches(ev)).isFalse();
        assertThat(rule("    t|minute: 45\n").matches(ev)).isTrue();
        assertThat(rule("    t|minute: 10\n").matches(ev)).isFalse();
        assertThat(rule("    t|day: 1\n").matches(ev)).isTrue();
        assertThat(rule("    t|month: 5\n").matches(ev)).isTrue();
        assertThat(rule("    t|month: 6\n").matches(ev)).isFalse();
        assertThat(rule("    t|year: 2024\n").matches(Map.of("t", "2024-05-01"))).isTrue();
        assertThat(rule("    t|week: 18\n").matches(ev)).isTrue();
        assertThat(rule("    t|week: 19\n").matches(ev)).isFalse();
        assertThat(rule("    t|hour: 23\n").matches(Map.of("t", "yesterday"))).isFalse();
    }

    @Test
    void shouldCompareWithAnotherFieldWithFieldref() {
        final SigmaRuleFixture r = rule("    a|fieldref: b\n");
        assertThat(r.matches(Map.of("a", "Same", "b", "same"))).isTrue();
        assertThat(r.matches(Map.of("a", "one", "b", "two"))).isFalse();
        assertThat(r.matches(Map.of("a", "one"))).isFalse();
        assertThat(rule("    a|fieldref|endswith: b\n").matches(Map.of("a", "C:\\x\\evil.exe", "b", "evil.exe")))
                .isTrue();
        assertThat(rule("    a|fieldref|neq: b\n").matches(Map.of("a", "one", "b", "two"))).isTrue();
        assertThat(rule("    a|fieldref|neq: b\n").matches(Map.of("a", "one", "b", "ONE"))).isFalse();
    }

    @Test
    void shouldMatchDifferentValuesWithNeq() {
        final SigmaRuleFixture r = rule("    user|neq: [root, admin]\n");
        assertThat(r.matches(Map.of("user", "alice"))).isTrue();
        assertThat(r.matches(Map.of("user", "ROOT"))).isFalse();
        assertThat(r.matches(Map.of("other", "x"))).isFalse();
    }

    @Test
    void shouldExpandPlaceholdersFromConfiguration() {
        final SigmaRuleFixture r = SigmaRuleFixture.of("  sel:\n    host|expand: '%dcs%'\n  condition: sel\n",
                Map.of("dcs", List.of("dc01.example.com", "dc02.example.com")));
        assertThat(r.matches(Map.of("host", "DC02.example.com"))).isTrue();
        assertThat(r.matches(Map.of("host", "ws01.example.com"))).isFalse();
        final RuleRejection rej = SigmaRuleFixture.rejection("  sel:\n    host|expand: '%nope%'\n  condition: sel\n",
                Map.of());
        assertThat(rej.code()).isEqualTo("placeholder_unknown");
        assertThat(rej.reason()).contains("%nope%").contains("selection 'sel'");
    }

    @Test
    void shouldHonourWildcardsAndTheirEscapes() {
        assertThat(rule("    f: '/etc/audit/*'\n").matches(Map.of("f", "/etc/audit/x.conf"))).isTrue();
        assertThat(rule("    f: '/etc/audit/*'\n").matches(Map.of("f", "/backup/etc/audit/x"))).isFalse();
        assertThat(rule("    f: 'a?c'\n").matches(Map.of("f", "abc"))).isTrue();
        assertThat(rule("    f: 'a?c'\n").matches(Map.of("f", "ac"))).isFalse();
        assertThat(rule("    f: 'a\\*c'\n").matches(Map.of("f", "a*c"))).isTrue();
        assertThat(rule("    f: 'a\\*c'\n").matches(Map.of("f", "abc"))).isFalse();
        assertThat(rule("    f: 'a\\?'\n").matches(Map.of("f", "a?"))).isTrue();
        assertThat(rule("    f: 'a\\?'\n").matches(Map.of("f", "ab"))).isFalse();
        assertThat(rule("    f: 'C:\\Windows\\'\n").matches(Map.of("f", "C:\\Windows\\"))).isTrue();
        assertThat(rule("    f: '\\\\*\\IPC$'\n").matches(Map.of("f", "\\host\\IPC$"))).isTrue();
        assertThat(rule("    f: '\\\\\\*'\n").matches(Map.of("f", "\\*"))).isTrue();
        assertThat(rule("    f: '\\\\\\*'\n").matches(Map.of("f", "\\x"))).isFalse();
    }

    @Test
    void shouldTreatNullAsAbsentAndEmptyAsPresentAndEmpty() {
        final Map<String, Object> jsonNull = new java.util.HashMap<>();
        jsonNull.put("f", null);
        assertThat(rule("    f: null\n").matches(Map.of("g", "x"))).isTrue();
        assertThat(rule("    f: null\n").matches(jsonNull)).isTrue();
        assertThat(rule("    f: null\n").matches(Map.of("f", "x"))).isFalse();
        assertThat(rule("    f: ''\n").matches(Map.of("f", ""))).isTrue();
        assertThat(rule("    f: ''\n").matches(Map.of("g", "x"))).isFalse();
    }

    @Test
    void shouldCompareNumbersAndStringsByStringForm() {
        assertThat(rule("    port: 23\n").matches(Map.of("port", "23"))).isTrue();
        assertThat(rule("    port: '23'\n").matches(Map.of("port", 23L))).isTrue();
        assertThat(rule("    port: 23\n").matches(Map.of("port", 230L))).isFalse();
    }

    @Test
    void shouldSearchKeywordsAsSubstringsAndAndThemWithAll() {
        final SigmaRuleFixture any = SigmaRuleFixture.of("  keywords: ['failed password', 'invalid user']\n"
                + "  condition: keywords\n");
        assertThat(any.matches(Map.of("message", "Failed password for root"))).isTrue();
        assertThat(any.matches(Map.of("message", "Accepted password for root"))).isFalse();
        final SigmaRuleFixture all = SigmaRuleFixture.of("  keywords:\n    '|all': [alpha, beta]\n"
                + "  condition: keywords\n");
        assertThat(all.matches(Map.of("message", "beta alpha"))).isTrue();
        assertThat(all.matches(Map.of("message", "alpha"))).isFalse();
    }

    @Test
    void shouldMatchListValuedEventFieldsWhenAnyElementMatches() {
        assertThat(rule("    answers: 192.0.2.1\n").matches(Map.of("answers", List.of("198.51.100.1", "192.0.2.1"))))
                .isTrue();
        assertThat(rule("    answers: 192.0.2.1\n").matches(Map.of("answers", List.of("198.51.100.1")))).isFalse();
    }

    @Test
    void shouldRejectMisusedModifiersByName() {
        assertThat(SigmaRuleFixture.rejection("  s:\n    f|bogus: a\n  condition: s\n", Map.of()).code())
                .isEqualTo("modifier_unknown");
        assertThat(SigmaRuleFixture.rejection("  s:\n    f|cidr|contains: 192.0.2.0/24\n  condition: s\n", Map.of())
                .code()).isEqualTo("modifier_invalid");
        assertThat(SigmaRuleFixture.rejection("  s:\n    f|cidr: 192.0.2.0/33\n  condition: s\n", Map.of()).code())
                .isEqualTo("value_invalid");
        assertThat(SigmaRuleFixture.rejection("  s:\n    f|wide: a\n  condition: s\n", Map.of()).code())
                .isEqualTo("modifier_invalid");
        assertThat(SigmaRuleFixture.rejection("  s:\n    f|gt: ten\n  condition: s\n", Map.of()).code())
                .isEqualTo("value_invalid");
    }
}
