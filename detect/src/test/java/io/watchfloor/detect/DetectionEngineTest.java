package io.watchfloor.detect;

import io.watchfloor.core.event.Event;
import io.watchfloor.detect.alert.Alert;
import io.watchfloor.detect.rule.LogSource;
import io.watchfloor.detect.rule.RuleLoader;
import io.watchfloor.detect.rule.RuleSet;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionEngineTest {

    private static RuleSet rule(String logsource, String detection) {
        final String yaml = "title: Test rule\nid: r1\nlevel: high\ntags: [attack.t1110]\n"
                + "logsource:\n" + logsource + "detection:\n" + detection;
        final RuleSet set = RuleLoader.loadText(Path.of("test.yml"), yaml);
        assertThat(set.rejections()).isEmpty();
        return set;
    }

    private static boolean matches(String detection, Event e) {
        return matches("  product: linux\n", detection, e, null);
    }

    private static boolean matches(String logsource, String detection, Event e, LogSource declared) {
        final CollectingSink sink = new CollectingSink();
        new DetectionEngine(rule(logsource, detection)).evaluate(e, declared, sink);
        return !sink.alerts.isEmpty();
    }

    private static Event msg(String message) {
        return TestEvents.line("app", message);
    }

    @Test
    void shouldMatchExactValueCaseInsensitively() {
        final String d = "  sel:\n    process.name: SSHD\n  condition: sel\n";
        assertThat(matches(d, TestEvents.line("sshd", "x"))).isTrue();
        assertThat(matches(d, TestEvents.line("sshd2", "x"))).isFalse();
    }

    @Test
    void shouldAndMapItemsAndOrListValues() {
        final String d = "  sel:\n    process.name: [sudo, su]\n    message|contains: root\n  condition: sel\n";
        assertThat(matches(d, TestEvents.line("su", "to root"))).isTrue();
        assertThat(matches(d, TestEvents.line("sudo", "USER=ROOT"))).isTrue();
        assertThat(matches(d, TestEvents.line("sudo", "USER=bob"))).isFalse();
        assertThat(matches(d, TestEvents.line("cron", "root"))).isFalse();
    }

    @Test
    void shouldOrListOfMaps() {
        final String d = "  sel:\n    - process.name: a\n    - message: exact text\n  condition: sel\n";
        assertThat(matches(d, TestEvents.line("a", "zzz"))).isTrue();
        assertThat(matches(d, TestEvents.line("b", "Exact TEXT"))).isTrue();
        assertThat(matches(d, TestEvents.line("b", "exact text!"))).isFalse();
    }

    @Test
    void shouldApplyContainsStartswithEndswith() {
        assertThat(matches("  s:\n    message|contains: 'Bad Thing'\n  condition: s\n", msg("a bad thing here"))).isTrue();
        assertThat(matches("  s:\n    message|startswith: 'Failed'\n  condition: s\n", msg("failed password"))).isTrue();
        assertThat(matches("  s:\n    message|startswith: 'Failed'\n  condition: s\n", msg("not failed"))).isFalse();
        assertThat(matches("  s:\n    message|endswith: 'ssh2'\n  condition: s\n", msg("port 22 SSH2"))).isTrue();
        assertThat(matches("  s:\n    message|endswith: 'ssh2'\n  condition: s\n", msg("ssh2 port 22"))).isFalse();
    }

    @Test
    void shouldRequireEveryValueWithAll() {
        final String d = "  s:\n    message|contains|all: [alpha, beta]\n  condition: s\n";
        assertThat(matches(d, msg("beta then alpha"))).isTrue();
        assertThat(matches(d, msg("only alpha"))).isFalse();
    }

    @Test
    void shouldSearchWithRe2Regex() {
        final String d = "  s:\n    message|re: 'port \\d+ ssh[0-9]$'\n  condition: s\n";
        assertThat(matches(d, msg("from 192.0.2.1 port 50422 ssh2"))).isTrue();
        assertThat(matches(d, msg("from 192.0.2.1 port x ssh2"))).isFalse();
        // re is case-sensitive unless re|i
        assertThat(matches("  s:\n    message|re: 'FAILED'\n  condition: s\n", msg("failed"))).isFalse();
        assertThat(matches("  s:\n    message|re|i: 'FAILED'\n  condition: s\n", msg("failed"))).isTrue();
    }

    @Test
    void shouldHonourWildcardsAndEscapes() {
        assertThat(matches("  s:\n    message: '/etc/*/x?z'\n  condition: s\n", msg("/etc/a/b/xyz"))).isTrue();
        assertThat(matches("  s:\n    message: '/etc/*'\n  condition: s\n", msg("/backup/etc/a"))).isFalse();
        assertThat(matches("  s:\n    message: 'a\\*b'\n  condition: s\n", msg("a*b"))).isTrue();
        assertThat(matches("  s:\n    message: 'a\\*b'\n  condition: s\n", msg("axxb"))).isFalse();
        assertThat(matches("  s:\n    message: 'what\\?'\n  condition: s\n", msg("whatx"))).isFalse();
        assertThat(matches("  s:\n    message: 'C:\\Windows\\\\*'\n  condition: s\n", msg("c:\\windows\\system32"))).isTrue();
    }

    @Test
    void shouldSearchKeywordsInMessage() {
        final String d = "  keywords:\n    - 'invalid user'\n    - 'illegal user'\n  condition: keywords\n";
        assertThat(matches(d, msg("Failed password for INVALID USER admin"))).isTrue();
        assertThat(matches(d, msg("Accepted password for alice"))).isFalse();
    }

    @Test
    void shouldAndKeywordsWithAll() {
        final String d = "  keywords:\n    '|all':\n      - 'new user'\n      - 'UID=0,'\n  condition: keywords\n";
        assertThat(matches(d, msg("new user: name=x, UID=0, GID=0"))).isTrue();
        assertThat(matches(d, msg("new user: name=x, UID=1000, GID=0"))).isFalse();
    }

    @Test
    void shouldSearchEveryStringValueWhenJsonEventHasNoMessage() {
        final String d = "  keywords:\n    - 'evil.example.com'\n  condition: keywords\n";
        assertThat(matches(d, TestEvents.json(Map.of("dns.question.name", "evil.example.com")))).isTrue();
        assertThat(matches(d, TestEvents.json(Map.of("dns.question.name", "good.example.com")))).isFalse();
    }

    @Test
    void shouldCompareNumbersAndBooleansAsStrings() {
        final Event e = TestEvents.json(Map.of("destination.port", 23L, "tls", true));
        assertThat(matches("  s:\n    destination.port: [22, 23]\n  condition: s\n", e)).isTrue();
        assertThat(matches("  s:\n    tls: 'true'\n  condition: s\n", e)).isTrue();
        assertThat(matches("  s:\n    destination.port: 0023\n  condition: s\n", e)).isFalse();
    }

    @Test
    void shouldTreatNullAsAbsentAndEmptyAsPresentEmpty() {
        final Event e = TestEvents.json(Map.of("user.name", "", "message", "m"));
        assertThat(matches("  s:\n    user.domain: null\n  condition: s\n", e)).isTrue();
        assertThat(matches("  s:\n    user.name: null\n  condition: s\n", e)).isFalse();
        assertThat(matches("  s:\n    user.name: ''\n  condition: s\n", e)).isTrue();
        assertThat(matches("  s:\n    user.name|exists: true\n  condition: s\n", e)).isTrue();
        assertThat(matches("  s:\n    user.domain|exists: true\n  condition: s\n", e)).isFalse();
    }

    @Test
    void shouldMatchAnyElementOfListValuedField() {
        final Event e = TestEvents.json(Map.of("dns.answers", List.of("192.0.2.1", "198.51.100.2")));
        assertThat(matches("  s:\n    dns.answers|startswith: '198.51.'\n  condition: s\n", e)).isTrue();
        assertThat(matches("  s:\n    dns.answers: '203.0.113.1'\n  condition: s\n", e)).isFalse();
    }

    @Test
    void shouldEvaluateConditionGrammar() {
        final String sels = "  sel_a:\n    message|contains: alpha\n  sel_b:\n    message|contains: beta\n"
                + "  filter_c:\n    message|contains: gamma\n  _hidden:\n    message|contains: zzz\n";
        final Event ab = msg("alpha beta");
        final Event a = msg("alpha");
        final Event ac = msg("alpha gamma");
        final Event z = msg("zzz");
        assertThat(matches(sels + "  condition: sel_a and sel_b\n", ab)).isTrue();
        assertThat(matches(sels + "  condition: sel_a and sel_b\n", a)).isFalse();
        assertThat(matches(sels + "  condition: sel_a or sel_b\n", a)).isTrue();
        assertThat(matches(sels + "  condition: sel_a and not filter_c\n", ac)).isFalse();
        assertThat(matches(sels + "  condition: sel_a and not filter_c\n", a)).isTrue();
        assertThat(matches(sels + "  condition: not (sel_a or sel_b)\n", ac)).isFalse();
        assertThat(matches(sels + "  condition: (sel_b or filter_c) and sel_a\n", ac)).isTrue();
        // precedence: or < and < not
        assertThat(matches(sels + "  condition: sel_b or sel_a and not filter_c\n", ac)).isFalse();
        assertThat(matches(sels + "  condition: 1 of sel_*\n", a)).isTrue();
        assertThat(matches(sels + "  condition: all of sel_*\n", a)).isFalse();
        assertThat(matches(sels + "  condition: all of sel_*\n", ab)).isTrue();
        assertThat(matches(sels + "  condition: 1 of sel_* and not 1 of filter*\n", ac)).isFalse();
        assertThat(matches(sels + "  condition: 1 of them\n", z)).isFalse();
        assertThat(matches(sels + "  condition: all of them\n", msg("alpha beta gamma"))).isTrue();
        assertThat(matches(sels + "  condition: ALL OF them\n", msg("alpha beta gamma"))).isTrue();
        assertThat(matches(sels + "  condition:\n    - sel_b\n    - filter_c\n", ac)).isTrue();
    }

    @Test
    void shouldRouteByLogSource() {
        final String d = "  keywords:\n    - 'failed'\n  condition: keywords\n";
        final String sshd = "  product: linux\n  service: sshd\n";
        assertThat(matches(sshd, d, TestEvents.line("sshd", "Failed password"), null)).isTrue();
        assertThat(matches(sshd, d, TestEvents.line("su", "Failed password"), null)).isFalse();
        assertThat(matches(sshd, d, TestEvents.json(Map.of("message", "failed")), null)).isTrue();
        assertThat(matches(sshd, d, TestEvents.line("cron", "failed"), new LogSource("linux", "sshd", null))).isTrue();
        assertThat(matches(sshd, d, TestEvents.line("sshd", "failed"), new LogSource("windows", null, null))).isFalse();
        assertThat(matches(sshd, d, TestEvents.line("sshd", "failed"), new LogSource(null, "auth", null))).isFalse();
        assertThat(matches(sshd, d, TestEvents.syslog("h.example.com", "sshd", "42", "Failed password"), null)).isTrue();
    }

    @Test
    void shouldResolveSyslogFieldsAndSdParams() {
        final Event e = TestEvents.syslog("db-1.example.com", "postgres", "4242", "connection authorized");
        assertThat(matches("  s:\n    host.name: 'db-*'\n    process.pid: 4242\n  condition: s\n", e)).isTrue();
        assertThat(matches("  s:\n    log.syslog.appname: postgres\n    message|contains: AUTHORIZED\n  condition: s\n", e)).isTrue();
        assertThat(matches("  s:\n    source.ip: '192.0.2.7'\n  condition: s\n", e)).isTrue();
    }

    @Test
    void shouldBuildAlertWithMatchedSelectionsAndCountHits() {
        final RuleSet set = rule("  product: linux\n",
                "  sel:\n    message|contains: alpha\n  other:\n    message|contains: nope\n  condition: sel or other\n");
        final DetectionEngine engine = new DetectionEngine(set);
        final CollectingSink sink = new CollectingSink();
        final Event e = TestEvents.line("app", "alpha");
        e.attribute(3, "src-web");
        e.journalIndex(77);
        engine.evaluate(e, null, sink);
        engine.evaluate(TestEvents.line("app", "beta"), null, sink);

        assertThat(sink.alerts).hasSize(1);
        final Alert a = sink.alerts.get(0);
        assertThat(a.ruleId()).isEqualTo("r1");
        assertThat(a.ruleName()).isEqualTo("Test rule");
        assertThat(a.ruleLevel()).isEqualTo("high");
        assertThat(a.tags()).containsExactly("attack.t1110");
        assertThat(a.hostName()).isEqualTo("web-1.example.com");
        assertThat(a.sourceId()).isEqualTo("src-web");
        assertThat(a.journalIndex()).isEqualTo(77);
        assertThat(a.message()).isEqualTo("alpha");
        assertThat(a.matched()).containsExactly("sel");
        assertThat(a.timestampMs()).isEqualTo(TestEvents.T0_MS);
        assertThat(engine.hits("r1")).isEqualTo(1);
        assertThat(engine.hitsSnapshot()).containsEntry("r1", 1L);
        assertThat(engine.evaluated()).isEqualTo(2);
    }

    @Test
    void shouldSkipTickAndReplayedEvents() {
        final DetectionEngine engine = new DetectionEngine(rule("  product: linux\n",
                "  keywords:\n    - 'alpha'\n  condition: keywords\n"));
        final CollectingSink sink = new CollectingSink();
        final Event replayed = TestEvents.line("app", "alpha");
        replayed.replay(true);
        engine.evaluate(replayed, null, sink);
        final Event tick = new Event();
        tick.resetForTick(TestEvents.T0_MS);
        engine.evaluate(tick, null, sink);
        assertThat(sink.alerts).isEmpty();
        assertThat(engine.evaluated()).isZero();
    }
}
