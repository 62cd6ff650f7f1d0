package io.watchfloor.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ParseCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> parse(String stdin, String... args) throws Exception {
        final String[] all = new String[args.length + 1];
        all[0] = "parse";
        System.arraycopy(args, 0, all, 1, args.length);
        final CliRun run = CliRun.of(stdin, all);
        assertThat(run.exitCode()).as(run.err()).isZero();
        final List<JsonNode> out = new ArrayList<>();
        for (String line : run.out().split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    @Test
    void shouldSplitTcpStreamLikeTheListenerAndPrintEcsFields() throws Exception {
        final String rfc5424 = "<165>1 2026-12-03T10:00:00.123456789+01:00 fw-01.example.com app 42 ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Appli\\\"cation\"][origin ip=\"192.0.2.1\" ip=\"192.0.2.2\"] hello";
        final String framed = rfc5424.length() + " " + rfc5424 + "<13>Dec  3 09:00:00 host-2 sshd[7]: Failed password\n";
        final List<JsonNode> events = parse(framed, "--received-at", "2026-12-03T12:00:00Z");
        assertThat(events).hasSize(2);
        final JsonNode a = events.get(0);
        assertThat(a.get("@timestamp").asText()).isEqualTo("2026-12-03T10:00:00.123456789+01:00");
        assertThat(a.get("log.syslog.hostname").asText()).isEqualTo("fw-01.example.com");
        assertThat(a.get("host.name").asText()).isEqualTo("fw-01.example.com");
        assertThat(a.get("log.syslog.priority").asInt()).isEqualTo(165);
        assertThat(a.get("log.syslog.facility.code").asInt()).isEqualTo(20);
        assertThat(a.get("log.syslog.severity.code").asInt()).isEqualTo(5);
        assertThat(a.get("log.syslog.version").asInt()).isEqualTo(1);
        assertThat(a.get("log.syslog.appname").asText()).isEqualTo("app");
        assertThat(a.get("log.syslog.procid").asText()).isEqualTo("42");
        assertThat(a.get("log.syslog.msgid").asText()).isEqualTo("ID47");
        assertThat(a.get("log.syslog.structured_data").get("exampleSDID@32473").get("eventSource").asText())
                .isEqualTo("Appli\"cation");
        assertThat(a.get("log.syslog.structured_data").get("origin").get("ip").toString())
                .isEqualTo("[\"192.0.2.1\",\"192.0.2.2\"]");
        assertThat(a.get("message").asText()).isEqualTo("hello");
        assertThat(a.get("watchfloor.parse_error").asBoolean()).isFalse();

        final JsonNode b = events.get(1);
        assertThat(b.get("@timestamp").asText()).isEqualTo("2026-12-03T09:00:00Z");
        assertThat(b.get("log.syslog.appname").asText()).isEqualTo("sshd");
        assertThat(b.get("log.syslog.procid").asText()).isEqualTo("7");
        assertThat(b.get("log.syslog.version").isNull()).isTrue();
        assertThat(b.get("message").asText()).isEqualTo("Failed password");
    }

    @Test
    void shouldResolveYearLessTimestampsAgainstReceivedAt() throws Exception {
        final List<JsonNode> events = parse("<13>Dec 31 23:59:59 h app: x\n", "--received-at", "2027-01-01T00:00:10Z");
        assertThat(events.get(0).get("@timestamp").asText()).isEqualTo("2026-12-31T23:59:59Z");
    }

    @Test
    void shouldTreatUdpInputAsOneDatagramAndFlagGarbage() throws Exception {
        final List<JsonNode> events = parse("line one\nline two\n", "--transport", "udp");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("message").asText()).isEqualTo("line one\nline two");
        assertThat(events.get(0).get("watchfloor.parse_error").asBoolean()).isTrue();
    }

    @Test
    void shouldFlagTruncatedFrames() throws Exception {
        final String big = "<13>Dec  3 09:00:00 h app: " + "x".repeat(20_000) + "\n<13>Dec  3 09:00:01 h app: ok\n";
        final List<JsonNode> events = parse(big, "--max-frame-bytes", "8192");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("watchfloor.truncated").asBoolean()).isTrue();
        assertThat(events.get(1).get("message").asText()).isEqualTo("ok");
    }
}
