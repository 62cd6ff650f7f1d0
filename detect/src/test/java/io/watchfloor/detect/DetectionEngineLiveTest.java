package io.watchfloor.detect;

import io.watchfloor.core.event.Event;
import io.watchfloor.detect.alert.Alert;
import io.watchfloor.detect.correlation.CorrelationConfig;
import io.watchfloor.detect.rule.RuleLoader;
import io.watchfloor.detect.rule.RuleSet;
import io.watchfloor.detect.rule.RuleSuppression;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The live engine's explanations, suppression, cost statistics and state hand-over on reload. */
class DetectionEngineLiveTest {
    private static final String CMD = "title: Encoded PowerShell\nid: ps-enc\nlevel: high\n"
            + "logsource: {product: windows}\ndetection:\n"
            + "  sel_img:\n    Image|endswith: '\\powershell.exe'\n"
            + "  sel_cmd:\n    CommandLine|contains: ' -enc '\n"
            + "  filter:\n    User: SYSTEM\n"
            + "  condition: sel_img and sel_cmd and not filter\n";
    private static final String FAILED = "title: SSH failed password\nid: ssh-failed\nname: ssh_failed\n"
            + "logsource: {product: linux}\ndetection:\n  k: ['Failed password']\n  condition: k\n";
    private static final String BRUTE = "title: SSH brute force\nid: brute\n"
            + "correlation:\n  type: event_count\n  rules: [ssh_failed]\n  group-by: [user.name]\n"
            + "  timespan: 1m\n  condition: {gte: 3}\n";

    private static RuleSet load(String yaml) {
        final RuleSet set = RuleLoader.loadText(Path.of("live.yml"), yaml);
        assertThat(set.rejections()).isEmpty();
        return set;
    }

    private static Event event(String timestamp, Map<String, Object> fields) {
        final Map<String, Object> f = new HashMap<>(fields);
        if (timestamp != null) {
            f.put("@timestamp", timestamp);
        }
        return TestEvents.json(f);
    }

    private static Event ps(String timestamp, String user, String cmd) {
        return event(timestamp, Map.of("Image", "C:\\Windows\\System32\\powershell.exe", "CommandLine", cmd,
                "User", user, "host.name", "ws-1.example.com"));
    }

    private static DetectionEngine engine(String yaml, DetectionConfig config) {
        return new DetectionEngine(load(yaml), CorrelationConfig.DEFAULT, config);
    }

    private static DetectionConfig suppressing(List<String> groupBy, long windowMs) {
        return new DetectionConfig(new RuleSuppression(groupBy, windowMs), 100, 1,
                DetectionConfig.MAX_MATCHED_FIELDS_DEFAULT, DetectionConfig.MAX_MATCHED_VALUE_CHARS_DEFAULT);
    }

    @Test
    void shouldCarryMatchedSelectionsAndTheirFieldValues() {
        final CollectingSink sink = new CollectingSink();
        engine(CMD, DetectionConfig.DEFAULT).evaluate(ps(null, "alice", "powershell.exe -nop -enc SQBFAFgA"), null, sink);
        assertThat(sink.alerts).hasSize(1);
        final Alert a = sink.alerts.get(0);
        assertThat(a.matched()).containsExactly("sel_img", "sel_cmd");
        assertThat(a.matchedFields()).containsExactly(
                Map.entry("Image", "C:\\Windows\\System32\\powershell.exe"),
                Map.entry("CommandLine", "powershell.exe -nop -enc SQBFAFgA"));
        assertThat(a.toEcs()).containsKey("detection.fields");
    }

    @Test
    void shouldBoundMatchedFieldCountAndValueLength() {
        final CollectingSink sink = new CollectingSink();
        final DetectionConfig tight = new DetectionConfig(RuleSuppression.OFF, 10, 1, 1, 10);
        engine(CMD, tight).evaluate(ps(null, "alice", "x -enc " + "A".repeat(1000)), null, sink);
        final Alert a = sink.alerts.get(0);
        assertThat(a.matchedFields()).hasSize(1);
        assertThat(a.matchedFields().get("Image")).hasSize(11).endsWith("\u2026");
    }

    @Test
    void shouldExplainKeywordMatches() {
        final CollectingSink sink = new CollectingSink();
        engine(FAILED, DetectionConfig.DEFAULT).evaluate(TestEvents.line("sshd", "Failed password for root"), null, sink);
        assertThat(sink.alerts.get(0).matchedFields()).containsExactly(Map.entry("keywords", "Failed password for root"));
    }

    @Test
    void shouldSuppressWithinTheWindowOfEventTimePerGroupKey() {
        final DetectionEngine engine = engine(CMD, suppressing(List.of("User"), 60_000));
        final CollectingSink sink = new CollectingSink();
        engine.evaluate(ps("2024-05-01T12:00:00Z", "alice", "a -enc x"), null, sink);
        engine.evaluate(ps("2024-05-01T12:00:30Z", "alice", "a -enc y"), null, sink);
        engine.evaluate(ps("2024-05-01T12:00:31Z", "bob", "a -enc y"), null, sink);
        engine.evaluate(ps("2024-05-01T12:00:59.999Z", "alice", "a -enc z"), null, sink);
        engine.evaluate(ps("2024-05-01T12:01:00Z", "alice", "a -enc w"), null, sink);
        engine.evaluate(ps("2024-05-01T12:01:30Z", "alice", "a -enc v"), null, sink);
        assertThat(sink.alerts).extracting(a -> a.matchedFields().get("CommandLine"))
                .containsExactly("a -enc x", "a -enc y", "a -enc w");
        assertThat(engine.suppressedTotal()).isEqualTo(3);
        assertThat(engine.hits("ps-enc")).as("suppression does not hide hits").isEqualTo(6);
        assertThat(engine.ruleStats().get(0).suppressed()).isEqualTo(3);
    }

    @Test
    void shouldGroupEveryAlertOfTheRuleTogetherWithoutGroupBy() {
        final DetectionEngine engine = engine(CMD, suppressing(List.of(), 60_000));
        final CollectingSink sink = new CollectingSink();
        engine.evaluate(ps("2024-05-01T12:00:00Z", "alice", "a -enc x"), null, sink);
        engine.evaluate(ps("2024-05-01T12:00:10Z", "bob", "a -enc x"), null, sink);
        assertThat(sink.alerts).hasSize(1);
    }

    @Test
    void shouldLetTheRuleOwnSuppressionOverrideTheDefault() {
        final String own = CMD.replace("level: high\n", "level: high\nsuppression:\n  group_by: [host.name]\n  timespan: 1h\n");
        final DetectionEngine engine = engine(own, DetectionConfig.DEFAULT);
        final CollectingSink sink = new CollectingSink();
        engine.evaluate(ps("2024-05-01T12:00:00Z", "alice", "a -enc x"), null, sink);
        engine.evaluate(ps("2024-05-01T12:30:00Z", "bob", "a -enc x"), null, sink);
        engine.evaluate(ps("2024-05-01T13:00:00Z", "bob", "a -enc x"), null, sink);
        assertThat(sink.alerts).hasSize(2);
        assertThat(engine.suppressedTotal()).isEqualTo(1);
    }

    @Test
    void shouldRejectAMalformedSuppressionKey() {
        final RuleSet set = RuleLoader.loadText(Path.of("bad.yml"),
                CMD.replace("level: high\n", "level: high\nsuppression: {timespan: soon}\n"));
        assertThat(set.rules()).isEmpty();
        assertThat(set.rejections()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("field_invalid");
            assertThat(r.reason()).contains("suppression.timespan");
        });
    }

    @Test
    void shouldSampleEvaluationCost() {
        final DetectionEngine engine = engine(CMD, new DetectionConfig(RuleSuppression.OFF, 10, 4, 8, 256));
        final CollectingSink sink = new CollectingSink();
        for (int i = 0; i < 9; i++) {
            engine.evaluate(ps(null, "alice", "a -enc x"), null, sink);
        }
        assertThat(engine.evaluatedTotal()).isEqualTo(9);
        assertThat(engine.sampledEvents()).as("events 1, 5 and 9").isEqualTo(3);
        final RuleStats s = engine.ruleStats().get(0);
        assertThat(s.evalSamples()).isEqualTo(3);
        assertThat(s.evalNsTotal()).isPositive();
        assertThat(s.hits()).isEqualTo(9);
        assertThat(s.file()).isEqualTo("live.yml");
    }

    @Test
    void shouldCarryCorrelationWindowsOfUnchangedCorrelationsAcrossAReload() {
        final DetectionEngine before = new DetectionEngine(load(FAILED + "---\n" + BRUTE));
        final CollectingSink sink = new CollectingSink();
        before.evaluate(event("2024-05-01T12:00:00Z", Map.of("message", "Failed password", "user.name", "root")), null, sink);
        before.evaluate(event("2024-05-01T12:00:10Z", Map.of("message", "Failed password", "user.name", "root")), null, sink);
        final DetectionEngine after = new DetectionEngine(load(FAILED + "---\n" + BRUTE + "---\n" + CMD));
        assertThat(after.adoptState(before)).isEqualTo(1);
        after.evaluate(event("2024-05-01T12:00:20Z", Map.of("message", "Failed password", "user.name", "root")), null, sink);
        assertThat(sink.ruleIds()).containsExactly("brute");
        assertThat(after.hits("ssh-failed")).as("hits carried by rule id").isEqualTo(3);
        assertThat(after.evaluatedTotal()).isEqualTo(3);
    }

    @Test
    void shouldStartAChangedCorrelationWithEmptyWindows() {
        final DetectionEngine before = new DetectionEngine(load(FAILED + "---\n" + BRUTE));
        final CollectingSink sink = new CollectingSink();
        before.evaluate(event("2024-05-01T12:00:00Z", Map.of("message", "Failed password", "user.name", "root")), null, sink);
        before.evaluate(event("2024-05-01T12:00:10Z", Map.of("message", "Failed password", "user.name", "root")), null, sink);
        final DetectionEngine after = new DetectionEngine(load(FAILED + "---\n" + BRUTE.replace("timespan: 1m", "timespan: 2m")));
        assertThat(after.adoptState(before)).isZero();
        after.evaluate(event("2024-05-01T12:00:20Z", Map.of("message", "Failed password", "user.name", "root")), null, sink);
        assertThat(sink.alerts).isEmpty();
    }

    @Test
    void shouldCarrySuppressionWindowsOfUnchangedRulesAcrossAReload() {
        final DetectionConfig config = suppressing(List.of("User"), 60_000);
        final DetectionEngine before = engine(CMD, config);
        final CollectingSink sink = new CollectingSink();
        before.evaluate(ps("2024-05-01T12:00:00Z", "alice", "a -enc x"), null, sink);
        final DetectionEngine after = engine(CMD + "---\n" + FAILED, config);
        after.adoptState(before);
        after.evaluate(ps("2024-05-01T12:00:30Z", "alice", "a -enc x"), null, sink);
        assertThat(sink.alerts).hasSize(1);
        assertThat(after.suppressedTotal()).isEqualTo(1);
    }
}
