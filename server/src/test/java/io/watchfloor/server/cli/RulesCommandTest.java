package io.watchfloor.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RulesCommandTest {
    private static final String SSHD = "title: SSH failed password\nid: ssh-failed\n"
            + "logsource: {product: linux, service: sshd}\n"
            + "detection:\n  keywords: ['Failed password']\n  condition: keywords\n";
    private static final String ROOT = "title: Root console login\nid: aws-root\n"
            + "logsource: {product: aws, service: cloudtrail}\n"
            + "detection:\n  s:\n    userIdentity.type: Root\n    eventName: ConsoleLogin\n  condition: s\n";

    private static List<JsonNode> lines(String out) throws IOException {
        final List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(new ObjectMapper().readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void shouldPrintOneJsonLinePerMatchWithEventLineAndRelativeRulePath(@TempDir Path dir) throws IOException {
        final Path rules = dir.resolve("rules");
        Files.createDirectories(rules.resolve("linux"));
        Files.writeString(rules.resolve("linux/sshd.yml"), SSHD);
        Files.writeString(rules.resolve("cloud.yml"), ROOT + "---\n" + ROOT.replace("aws-root", "aws-root-2"));
        final Path events = dir.resolve("events.jsonl");
        Files.writeString(events, String.join("\n",
                "{\"message\":\"Failed password for root from 192.0.2.5\"}",
                "{\"userIdentity\":{\"type\":\"Root\"},\"eventName\":\"ConsoleLogin\"}",
                "{\"userIdentity.type\":\"IAMUser\",\"eventName\":\"ConsoleLogin\"}",
                "{\"logsource\":{\"service\":\"sudo\"},\"message\":\"Failed password\"}",
                "{\"userIdentity.type\":\"Root\",\"eventName\":\"ConsoleLogin\"}") + "\n");
        final CliRun run = CliRun.of("", "rules", "match", "--rules", rules.toString(), "--events", events.toString());
        assertThat(run.exitCode()).isZero();
        final List<JsonNode> out = lines(run.out());
        assertThat(out).extracting(n -> n.get("event").asInt() + ":" + n.get("rule_id").asText())
                .containsExactly("0:ssh-failed", "1:aws-root", "1:aws-root-2", "4:aws-root", "4:aws-root-2");
        assertThat(out.get(0).get("rule_path").asText()).isEqualTo("linux/sshd.yml");
        assertThat(out.get(0).get("title").asText()).isEqualTo("SSH failed password");
        assertThat(out.get(1).get("rule_path").asText()).isEqualTo("cloud.yml");
    }

    @Test
    void shouldPrintOneCorrelationLineWithContributingEventLines(@TempDir Path dir) throws IOException {
        final Path rules = dir.resolve("rules");
        Files.createDirectories(rules.resolve("linux"));
        Files.writeString(rules.resolve("linux/sshd.yml"), SSHD);
        Files.writeString(rules.resolve("brute.yml"), "title: SSH brute force\nid: ssh-brute\n"
                + "correlation:\n  type: event_count\n  rules: [ssh-failed]\n  group-by: [user]\n"
                + "  timespan: 1m\n  condition: {gte: 3}\n");
        final Path events = dir.resolve("events.jsonl");
        Files.writeString(events, String.join("\n",
                "{\"@timestamp\":\"2024-05-01T12:00:00Z\",\"user\":\"root\",\"message\":\"Failed password\"}",
                "{\"@timestamp\":\"2024-05-01T12:00:10Z\",\"user\":\"bob\",\"message\":\"Failed password\"}",
                "{\"@timestamp\":\"2024-05-01T12:00:20Z\",\"user\":\"root\",\"message\":\"Failed password\"}",
                "{\"@timestamp\":\"2024-05-01T12:09:00Z\",\"user\":\"root\",\"message\":\"Failed password\"}",
                "{\"@timestamp\":\"2024-05-01T12:09:30Z\",\"user\":\"root\",\"message\":\"Failed password\"}",
                "{\"@timestamp\":\"2024-05-01T12:09:40Z\",\"user\":\"root\",\"message\":\"Failed password\"}")
                + "\n");
        final CliRun run = CliRun.of("", "rules", "match", "--rules", rules.toString(), "--events", events.toString());
        assertThat(run.exitCode()).isZero();
        final List<JsonNode> out = lines(run.out());
        assertThat(out).filteredOn(n -> n.has("event")).hasSize(6);
        final List<JsonNode> corr = new ArrayList<>();
        for (JsonNode n : out) {
            if (n.path("correlation").asBoolean()) {
                corr.add(n);
            }
        }
        assertThat(corr).singleElement().satisfies(n -> {
            assertThat(n.get("rule_id").asText()).isEqualTo("ssh-brute");
            assertThat(n.get("rule_path").asText()).isEqualTo("brute.yml");
            assertThat(n.get("events").toString()).isEqualTo("[3,4,5]");
        });
        assertThat(out.get(out.size() - 1).path("correlation").asBoolean()).as("printed after line 5's match").isTrue();
    }

    @Test
    void shouldPrintTotalsByReasonAndFailOnlyOnUnreadableDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("ok.yml"), SSHD);
        Files.writeString(dir.resolve("bad.yml"), SSHD.replace("ssh-failed", "bad").replace("keywords: [", "keywords: {f|bogus: ")
                .replace("']", "'}"));
        final CliRun run = CliRun.of("", "rules", "check", dir.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("loaded: 1", "rejected: 1", "rejected.modifier_unknown: 1");
        assertThat(CliRun.of("", "rules", "check", dir.resolve("absent").toString()).exitCode()).isNotZero();
    }

    @Test
    void shouldRunRegressionDataAndExitNonZeroOnFailure(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/whoami.yml"), "title: Whoami\nid: w-1\n"
                + "logsource: {product: windows, category: process_creation}\n"
                + "detection:\n  s: {Image|endswith: '\\whoami.exe'}\n  condition: s\n");
        final Path data = dir.resolve("regression_data/rules/whoami");
        Files.createDirectories(data);
        Files.writeString(data.resolve("w-1.json"), "{\"Event\": {\"System\": {\"EventID\": 1},\n"
                + "  \"EventData\": {\"Image\": \"C:\\\\Windows\\\\whoami.exe\"}}}\n");
        Files.writeString(data.resolve("info.yml"), "rule_metadata:\n  - id: w-1\nregression_tests_info:\n"
                + "  - name: Positive\n    type: evtx\n    match_count: 1\n    path: regression_data/rules/whoami/w-1.evtx\n");
        final CliRun pass = CliRun.of("", "rules", "test", dir.toString());
        assertThat(pass.exitCode()).isZero();
        assertThat(pass.out()).contains("tests: 1, passed: 1, failed: 0");
        Files.writeString(data.resolve("info.yml"), Files.readString(data.resolve("info.yml"))
                .replace("match_count: 1", "match_count: 2"));
        final CliRun fail = CliRun.of("", "rules", "test", dir.toString());
        assertThat(fail.exitCode()).isNotZero();
        assertThat(fail.out()).contains("FAIL", "expected 2 matches, got 1", "failed: 1");
    }
}
