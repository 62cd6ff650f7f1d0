package io.watchfloor.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageReplayCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path inventory;

    @BeforeEach
    void setUp() throws Exception {
        inventory = tmp.resolve("inventory.yaml");
        Files.writeString(inventory, """
                sources:
                  - id: fw-edge
                    name: Edge firewall
                    category: network
                    match: {apps: ["filterlog"]}
                    max_silence: 1m
                """);
    }

    private static String syslog(String at) {
        return "{\"received_at\": \"" + at + "\", \"peer\": \"192.0.2.1\", \"raw\": \"<134>1 " + at
                + " fw-01 filterlog - - - pass\"}\n";
    }

    private CliRun replay(String events, String... extra) throws Exception {
        final Path file = tmp.resolve("events.jsonl");
        Files.writeString(file, events);
        final List<String> args = new ArrayList<>(List.of("coverage", "replay", "--inventory", inventory.toString(),
                "--events", file.toString()));
        args.addAll(List.of(extra));
        return CliRun.of("", args.toArray(new String[0]));
    }

    private static List<JsonNode> lines(String out, String key) throws Exception {
        final List<JsonNode> found = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank() && JSON.readTree(line).has(key)) {
                found.add(JSON.readTree(line));
            }
        }
        return found;
    }

    @Test
    void shouldPrintOneLedgerLinePerTransitionAndTheFinalMap() throws Exception {
        final CliRun r = replay(syslog("2026-12-03T10:00:00Z") + syslog("2026-12-03T10:00:30Z")
                + syslog("2026-12-03T10:05:00Z"), "--tick", "10s");

        assertThat(r.exitCode()).as(r.err()).isZero();
        final List<JsonNode> ledger = lines(r.out(), "gap_id");
        assertThat(ledger).extracting(JsonNode::toString).containsExactly(
                "{\"gap_id\":\"fw-edge@1796292090000\",\"source_id\":\"fw-edge\",\"type\":\"silent\","
                        + "\"opened_at\":\"2026-12-03T10:01:30Z\",\"closed_at\":null,\"reason\":null}",
                "{\"gap_id\":\"fw-edge@1796292090000\",\"source_id\":\"fw-edge\",\"type\":\"silent\","
                        + "\"opened_at\":\"2026-12-03T10:01:30Z\",\"closed_at\":\"2026-12-03T10:05:00Z\","
                        + "\"reason\":null}");
        final List<JsonNode> maps = lines(r.out(), "generated_at");
        assertThat(maps).hasSize(1);
        assertThat(maps.get(0).get("generated_at").asText()).isEqualTo("2026-12-03T10:05:00Z");
        assertThat(maps.get(0).get("sources").get(0).get("events").asInt()).isEqualTo(3);
        assertThat(maps.get(0).get("sources").get(0).get("state").asText()).isEqualTo("reporting");
        // the /api/coverage keys, in the API's order
        assertThat(maps.get(0).fieldNames()).toIterable()
                .containsExactly("generated_at", "categories", "sources", "unmanaged", "unmanaged_overflow");
        assertThat(r.err()).contains("replayed: events=3 lines=3 bad=0 ticks=31 gaps_opened=1 gaps_closed=1");
    }

    @Test
    void shouldTickAtTheLiveServersDefaultIntervalFromTheFirstLine() throws Exception {
        final CliRun r = replay(syslog("2026-12-03T10:00:00Z") + syslog("2026-12-03T10:00:10Z"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        // one tick at the start, then one a second (coverage.tick_interval_ms: 1000) up to and including 10:00:10
        assertThat(r.err()).contains("ticks=11 ");
    }

    @Test
    void shouldGiveTheSameOutputEveryTime() throws Exception {
        final String events = syslog("2026-12-03T10:00:00Z") + syslog("2026-12-03T10:03:00Z")
                + "{\"received_at\": \"2026-12-03T10:04:00Z\", \"event\": {\"host\": \"stray-9\"}}\n";
        final CliRun first = replay(events, "--tick", "1s", "--at", "2026-12-03T10:02:00Z");
        final CliRun second = replay(events, "--tick", "1s", "--at", "2026-12-03T10:02:00Z");
        assertThat(first.exitCode()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(lines(first.out(), "generated_at").get(1).get("unmanaged").get(0).get("host").asText())
                .isEqualTo("stray-9");
    }

    @Test
    void shouldPrintAMapAtEachAtTimeAndExtendTheTimelineToTheLast() throws Exception {
        final CliRun r = replay(syslog("2026-12-03T10:00:00Z"), "--tick", "10s",
                "--at", "2026-12-03T10:05:00Z", "--at", "2026-12-03T09:59:00Z", "--at", "2026-12-03T10:00:30Z");

        assertThat(r.exitCode()).as(r.err()).isZero();
        final List<JsonNode> maps = lines(r.out(), "generated_at");
        // sorted; the earliest starts the timeline; the last is the end, so no extra final map
        assertThat(maps).extracting(m -> m.get("generated_at").asText())
                .containsExactly("2026-12-03T09:59:00Z", "2026-12-03T10:00:30Z", "2026-12-03T10:05:00Z");
        assertThat(maps).extracting(m -> m.get("sources").get(0).get("state").asText())
                .containsExactly("never_seen", "reporting", "silent");
        assertThat(lines(r.out(), "gap_id")).extracting(g -> g.get("opened_at").asText())
                .containsExactly("2026-12-03T10:01:00Z");
    }

    @Test
    void shouldCountAndListBadLinesWithTheirNumbersAndReplayTheRest() throws Exception {
        final CliRun r = replay(syslog("2026-12-03T10:00:00Z") + "not json\n\n"
                + "{\"received_at\": \"2026-12-03T10:00:20Z\"}\n" + syslog("2026-12-03T10:00:40Z"), "--tick", "10s");

        assertThat(r.exitCode()).isEqualTo(CoverageReplayCommand.EXIT_BAD_LINES);
        assertThat(r.err()).contains("bad line 2: not JSON").contains("bad line 4: expected exactly one of raw")
                .doesNotContain("bad line 3").contains("events=2 lines=5 bad=2");
        assertThat(lines(r.out(), "generated_at").get(0).get("sources").get(0).get("events").asInt()).isEqualTo(2);
    }

    @Test
    void shouldListTheFirstHundredBadLinesThenOnlyCount() throws Exception {
        final CliRun r = replay(syslog("2026-12-03T10:00:00Z") + "x\n".repeat(150), "--tick", "10s");
        assertThat(r.exitCode()).isEqualTo(CoverageReplayCommand.EXIT_BAD_LINES);
        assertThat(r.err()).contains("bad line 101: not JSON").doesNotContain("bad line 102:")
                .contains("bad lines: 150 (the first 100 are listed)");
    }

    @Test
    void shouldStopWithLineNumbersWhenLinesAreOutOfReceiveOrder() throws Exception {
        final CliRun r = replay(syslog("2026-12-03T10:00:00Z") + syslog("2026-12-03T10:02:00Z")
                + syslog("2026-12-03T10:01:00Z") + syslog("2026-12-03T10:03:00Z"), "--tick", "10s");

        assertThat(r.exitCode()).isEqualTo(CoverageReplayCommand.EXIT_OUT_OF_ORDER);
        assertThat(r.err()).contains("error: line 3: received_at 2026-12-03T10:01:00Z is before line 2's "
                + "2026-12-03T10:02:00Z (expected: lines in receive order");
        // what was replayed before it is printed
        assertThat(lines(r.out(), "gap_id")).hasSize(2);
        assertThat(lines(r.out(), "generated_at")).isEmpty();
    }

    @Test
    void shouldReadStandardInputForDash() {
        final CliRun r = CliRun.of(syslog("2026-12-03T10:00:00Z"), "coverage", "replay", "--inventory",
                inventory.toString(), "--events", "-");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"generated_at\":\"2026-12-03T10:00:00Z\"");
    }

    @Test
    void shouldExit2OnBadArgumentsAnd78OnAnInvalidInventory() throws Exception {
        assertThat(replay("", "--tick", "5ms").err()).contains("--tick 5ms (expected: a duration from 10ms to 1h");
        assertThat(replay("", "--tick", "2h").exitCode()).isEqualTo(CoverageReplayCommand.EXIT_USAGE);
        assertThat(replay("", "--at", "noon").err()).contains("--at noon (expected: ISO-8601");
        final CliRun missing = CliRun.of("", "coverage", "replay", "--inventory", inventory.toString(), "--events",
                tmp.resolve("nope.jsonl").toString());
        assertThat(missing.exitCode()).isEqualTo(CoverageReplayCommand.EXIT_USAGE);
        assertThat(missing.err()).contains("nope.jsonl: cannot read");

        Files.writeString(inventory, "sources:\n  - id: x\n");
        final CliRun invalid = replay(syslog("2026-12-03T10:00:00Z"));
        assertThat(invalid.exitCode()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(invalid.err()).contains(inventory + ": sources[0].name");
    }

    @Test
    void shouldAcceptMillisecondTicks() throws Exception {
        final CliRun r = replay(syslog("2026-12-03T10:00:00Z") + syslog("2026-12-03T10:00:01Z"), "--tick", "500ms");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("ticks=3 ");
    }
}
