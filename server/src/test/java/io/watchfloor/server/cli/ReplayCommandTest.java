package io.watchfloor.server.cli;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.journal.EventJournal;
import io.watchfloor.core.journal.JournalConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayCommandTest {
    @TempDir
    Path tmp;

    private Path config;
    private Path dataDir;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(tmp.resolve("inventory.yaml"), inventory("1m"));
        config = tmp.resolve("watchfloor.yaml");
        Files.writeString(config, "coverage: {inventory: inventory.yaml, tick_interval_ms: 10000}\n");
        dataDir = tmp.resolve("data");
    }

    private static String inventory(String maxSilence) {
        return """
                sources:
                  - id: fw-edge
                    name: Edge firewall
                    category: network
                    match: {apps: ["filterlog"]}
                    max_silence: %s
                """.formatted(maxSilence);
    }

    /** Journals one syslog event per receive time, as the journal stage of a server would. */
    private void journal(String... receivedAt) throws Exception {
        try (EventJournal j = new EventJournal(new JournalConfig(dataDir.resolve("journal"), 7))) {
            final Event e = new Event();
            for (String at : receivedAt) {
                e.resetForData(Listener.SYSLOG_UDP, InetAddress.getByName("192.0.2.1"),
                        Instant.parse(at).toEpochMilli(), false, null);
                final byte[] raw = ("<134>1 " + at + " fw-01 filterlog - - - pass").getBytes(StandardCharsets.UTF_8);
                e.raw(raw, 0, raw.length);
                j.append(e);
            }
        }
    }

    @Test
    void shouldReplayTheJournalWithTheConfiguredInventoryAndTick() throws Exception {
        journal("2026-12-03T10:00:00Z", "2026-12-03T10:00:30Z", "2026-12-03T10:05:00Z");

        final CliRun r = CliRun.of("", "replay", "--data-dir", dataDir.toString(), "--config", config.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.contains("gap_id")))
                .containsExactly("{\"gap_id\":\"fw-edge@1796292090000\",\"source_id\":\"fw-edge\",\"type\":\"silent\","
                                + "\"opened_at\":\"2026-12-03T10:01:30Z\",\"closed_at\":null,\"reason\":null}",
                        "{\"gap_id\":\"fw-edge@1796292090000\",\"source_id\":\"fw-edge\",\"type\":\"silent\","
                                + "\"opened_at\":\"2026-12-03T10:01:30Z\",\"closed_at\":\"2026-12-03T10:05:00Z\","
                                + "\"reason\":null}");
        assertThat(r.out().lines().filter(l -> l.contains("generated_at"))).hasSize(1);
        assertThat(r.err()).contains("replayed: events=3 ticks=31 gaps_opened=1 gaps_closed=1");
    }

    @Test
    void shouldReplayAgainstAnotherInventoryAndTickWhenGiven() throws Exception {
        journal("2026-12-03T10:00:00Z", "2026-12-03T10:00:30Z", "2026-12-03T10:05:00Z");
        final Path relaxed = tmp.resolve("relaxed.yaml");
        Files.writeString(relaxed, inventory("10m"));

        final CliRun r = CliRun.of("", "replay", "--data-dir", dataDir.toString(), "--config", config.toString(),
                "--inventory", relaxed.toString(), "--tick", "1m", "--at", "2026-12-03T10:20:00Z");

        assertThat(r.exitCode()).as(r.err()).isZero();
        // held to 10m: no gap at 10:01:30; the silence after 10:05 becomes one at 10:15, still open at 10:20
        assertThat(Arrays.stream(r.out().split("\n")).filter(l -> l.contains("gap_id"))).containsExactly(
                "{\"gap_id\":\"fw-edge@1796292900000\",\"source_id\":\"fw-edge\",\"type\":\"silent\","
                        + "\"opened_at\":\"2026-12-03T10:15:00Z\",\"closed_at\":null,\"reason\":null}");
        assertThat(r.out()).contains("\"generated_at\":\"2026-12-03T10:20:00Z\"").contains("\"state\":\"silent\"");
        assertThat(r.err()).contains("ticks=21 ");
    }

    @Test
    void shouldExit2WithoutAJournalAnd78OnABadConfiguration() throws Exception {
        final CliRun none = CliRun.of("", "replay", "--data-dir", dataDir.toString(), "--config", config.toString());
        assertThat(none.exitCode()).isEqualTo(CoverageReplayCommand.EXIT_USAGE);
        assertThat(none.err()).contains("no event journal");

        Files.writeString(config, "coverage: {tick_interval_ms: 1}\n");
        final CliRun bad = CliRun.of("", "replay", "--data-dir", dataDir.toString(), "--config", config.toString());
        assertThat(bad.exitCode()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(bad.err()).contains("coverage.tick_interval_ms");
    }
}
