package io.watchfloor.detect;

import io.watchfloor.core.event.Event;
import io.watchfloor.detect.alert.Alert;
import io.watchfloor.detect.correlation.CorrelationConfig;
import io.watchfloor.detect.rule.RuleLoader;
import io.watchfloor.detect.rule.RuleSet;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The live path: detection matches feed correlations, whose firings become alerts on the same sink. */
class DetectionEngineCorrelationTest {
    private static final String FAILED = "title: SSH failed password\nid: ssh-failed\nname: ssh_failed\n"
            + "logsource: {product: linux}\ndetection:\n  k: ['Failed password']\n  condition: k\n";
    private static final String ACCEPTED = "title: SSH accepted\nid: ssh-ok\n"
            + "logsource: {product: linux}\ndetection:\n  k: ['Accepted password']\n  condition: k\n";
    private static final String BRUTE = "title: SSH brute force\nid: brute\nlevel: critical\ntags: [attack.t1110]\n"
            + "correlation:\n  type: event_count\n  rules: [ssh_failed]\n  group-by: [user.name]\n"
            + "  timespan: 1m\n  condition: {gte: 3}\n";

    private static RuleSet load(String yaml) {
        final RuleSet set = RuleLoader.loadText(Path.of("ssh.yml"), yaml);
        assertThat(set.rejections()).isEmpty();
        return set;
    }

    private static Event event(long journalIndex, String timestamp, String user, String message) {
        final Map<String, Object> f = new HashMap<>();
        f.put("message", message);
        f.put("user.name", user);
        f.put("host.name", "bastion.example.com");
        if (timestamp != null) {
            f.put("@timestamp", timestamp);
        }
        final Event e = TestEvents.json(f);
        e.journalIndex(journalIndex);
        return e;
    }

    @Test
    void shouldRaiseCorrelationAlertWithGroupAndJournalIndexesAndSilenceTheBaseRule() {
        final DetectionEngine engine = new DetectionEngine(load(FAILED + "---\n" + ACCEPTED + "---\n" + BRUTE));
        final CollectingSink sink = new CollectingSink();
        engine.evaluate(event(100, "2024-05-01T12:00:00Z", "root", "Failed password for root"), null, sink);
        engine.evaluate(event(101, "2024-05-01T12:00:10Z", "admin", "Failed password for admin"), null, sink);
        engine.evaluate(event(102, "2024-05-01T12:00:20Z", "root", "Failed password for root"), null, sink);
        engine.evaluate(event(103, "2024-05-01T12:00:25Z", "root", "Accepted password for root"), null, sink);
        assertThat(sink.ruleIds()).as("generate is false: the failures raise nothing alone").containsExactly("ssh-ok");
        engine.evaluate(event(104, "2024-05-01T12:00:30Z", "root", "Failed password for root"), null, sink);
        assertThat(sink.ruleIds()).containsExactly("ssh-ok", "brute");
        final Alert a = sink.alerts.get(1);
        assertThat(a.ruleName()).isEqualTo("SSH brute force");
        assertThat(a.ruleLevel()).isEqualTo("critical");
        assertThat(a.tags()).containsExactly("attack.t1110");
        assertThat(a.correlationGroup()).containsExactly(Map.entry("user.name", "root"));
        assertThat(a.correlationEvents()).containsExactly(100L, 102L, 104L);
        assertThat(a.journalIndex()).isEqualTo(104L);
        assertThat(a.message()).isEqualTo("event_count 3 within 60s for user.name=root");
        assertThat(Alert.isoMillis(a.timestampMs())).isEqualTo("2024-05-01T12:00:30.000Z");
        assertThat(a.toEcs()).containsEntry("correlation.events", List.of(100L, 102L, 104L))
                .containsKey("correlation.group");
        assertThat(engine.hits("ssh-failed")).isEqualTo(4);
        assertThat(engine.hitsSnapshot()).containsEntry("brute", 1L);
        assertThat(engine.ruleCount()).isEqualTo(2);
    }

    @Test
    void shouldGroupSyslogEventsByAFieldOnlyTheMappingExtracts() {
        final String failed = "title: SSH failed password\nid: ssh-failed\nname: ssh_failed\n"
                + "logsource: {product: linux, service: sshd}\ndetection:\n  s: {system.auth.ssh.event: Failed}\n"
                + "  condition: s\n";
        final String brute = "title: SSH brute force per user\nid: brute-user\ncorrelation:\n  type: event_count\n"
                + "  rules: [ssh_failed]\n  group-by: [User, SourceIp]\n  timespan: 1m\n  condition: {gte: 2}\n";
        final DetectionEngine engine = new DetectionEngine(load(failed + "---\n" + brute));
        final CollectingSink sink = new CollectingSink();
        long index = 0;
        for (String user : new String[] {"admin", "root", "admin"}) {
            final Event e = TestEvents.syslog("bastion-01", "sshd", "42",
                    "Failed password for invalid user " + user + " from 203.0.113.9 port 4242 ssh2");
            e.journalIndex(index++);
            engine.evaluate(e, null, sink);
        }
        assertThat(sink.ruleIds()).containsExactly("brute-user");
        assertThat(sink.alerts.get(0).correlationGroup()).containsExactly(Map.entry("User", "admin"),
                Map.entry("SourceIp", "203.0.113.9"));
        assertThat(sink.alerts.get(0).correlationEvents()).containsExactly(0L, 2L);
    }

    @Test
    void shouldFollowEventTimeNotArrival() {
        final DetectionEngine engine = new DetectionEngine(load(FAILED + "---\n" + BRUTE));
        final CollectingSink sink = new CollectingSink();
        // all arrive at the same receive time, but their own timestamps are minutes apart
        engine.evaluate(event(1, "2024-05-01T12:00:00Z", "root", "Failed password"), null, sink);
        engine.evaluate(event(2, "2024-05-01T12:02:00Z", "root", "Failed password"), null, sink);
        engine.evaluate(event(3, "2024-05-01T12:04:00Z", "root", "Failed password"), null, sink);
        assertThat(sink.alerts).isEmpty();
    }

    @Test
    void shouldUseReceiveTimeWhenTheEventHasNoTimestamp() {
        final DetectionEngine engine = new DetectionEngine(load(FAILED + "---\n" + BRUTE));
        final CollectingSink sink = new CollectingSink();
        for (int i = 0; i < 3; i++) {
            engine.evaluate(event(i, null, "root", "Failed password"), null, sink);
        }
        assertThat(sink.ruleIds()).containsExactly("brute");
        assertThat(sink.alerts.get(0).timestampMs()).isEqualTo(TestEvents.T0_MS);
    }

    @Test
    void shouldUseTheSyslogTimestampAsEventTime() {
        final DetectionEngine engine = new DetectionEngine(load(FAILED + "---\n"
                + BRUTE.replace("group-by: [user.name]", "group-by: [host.name]")), CorrelationConfig.DEFAULT);
        final CollectingSink sink = new CollectingSink();
        for (int i = 0; i < 3; i++) {
            final Event e = TestEvents.syslog("bastion.example.com", "sshd", "42", "Failed password for root");
            e.syslog().timestamp(1_714_564_800L + i * 120L, 0, 0, 0, true);
            e.journalIndex(i);
            engine.evaluate(e, null, sink);
        }
        assertThat(sink.alerts).as("two minutes apart by their own clock").isEmpty();
    }

    @Test
    void shouldKeepRaisingBaseAlertsWhenGenerateIsTrue() {
        final DetectionEngine engine = new DetectionEngine(load(FAILED + "---\n"
                + BRUTE.replace("  condition: {gte: 3}\n", "  condition: {gte: 2}\n  generate: true\n")));
        final CollectingSink sink = new CollectingSink();
        engine.evaluate(event(1, "2024-05-01T12:00:00Z", "root", "Failed password"), null, sink);
        engine.evaluate(event(2, "2024-05-01T12:00:01Z", "root", "Failed password"), null, sink);
        assertThat(sink.ruleIds()).containsExactly("ssh-failed", "ssh-failed", "brute");
    }

    @Test
    void shouldRebuildWindowsFromReplayedEventsWithoutAlertingOnThem() {
        final DetectionEngine engine = new DetectionEngine(load(FAILED + "---\n"
                + BRUTE.replace("  condition: {gte: 3}\n", "  condition: {gte: 3}\n  generate: true\n")));
        final CollectingSink sink = new CollectingSink();
        for (int i = 1; i <= 2; i++) {
            final Event e = event(i, "2024-05-01T12:00:0" + i + "Z", "root", "Failed password");
            e.replay(true);
            engine.evaluate(e, null, sink);
        }
        assertThat(sink.alerts).isEmpty();
        assertThat(engine.hits("ssh-failed")).isZero();
        engine.evaluate(event(3, "2024-05-01T12:00:03Z", "root", "Failed password"), null, sink);
        assertThat(sink.ruleIds()).containsExactly("ssh-failed", "brute");
        assertThat(sink.alerts.get(1).correlationEvents()).containsExactly(1L, 2L, 3L);
        assertThat(engine.hits("brute")).isEqualTo(1);
    }

    @Test
    void shouldHaveNoCorrelationEngineForSetsWithoutCorrelations() {
        final DetectionEngine engine = new DetectionEngine(load(FAILED));
        assertThat(engine.correlation()).isNull();
        final CollectingSink sink = new CollectingSink();
        engine.evaluate(event(1, null, "root", "Failed password"), null, sink);
        assertThat(sink.ruleIds()).containsExactly("ssh-failed");
        assertThat(sink.alerts.get(0).correlationEvents()).isEmpty();
        assertThat(sink.alerts.get(0).toEcs()).doesNotContainKeys("correlation.group", "correlation.events");
    }
}
