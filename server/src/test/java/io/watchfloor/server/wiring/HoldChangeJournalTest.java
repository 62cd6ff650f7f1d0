package io.watchfloor.server.wiring;

import io.watchfloor.core.journal.JournalConfig;
import io.watchfloor.core.journal.TextJournal;
import io.watchfloor.core.time.ManualClock;
import io.watchfloor.coverage.inventory.HoldChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit trail of maintenance windows and exceptions in the coverage journal of a real server: each create and
 * edit of {@code inventory.yaml} found at a start, and each expiry, once, with actor and before/after.
 */
class HoldChangeJournalTest {
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final String INVENTORY = """
            sources:
              - {id: fw, name: Firewall, category: network, match: {hosts: ["fw-*"]}, max_silence: 5m}
            maintenance_windows:
              - {id: sunday, category: network, days: [sun], from: "02:00", to: "04:00"}
            exceptions:
              - id: migration
                source: fw
                justification: moving racks
                compensating_control: EDR on the hosts
                approver: %s
                start: "2026-03-01T00:00:00Z"
                expiry: "2026-03-01T01:00:00Z"
            """;

    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock(START.toEpochMilli());
    private Watchfloor server;
    private Path configFile;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(tmp.resolve("inventory.yaml"), INVENTORY.formatted("ciso@example.com"));
        Files.createDirectories(tmp.resolve("rules"));
        configFile = tmp.resolve("watchfloor.yaml");
        Files.writeString(configFile, """
                listeners:
                  syslog: {bind_address: 127.0.0.1, tcp_port: -1, udp_port: -1}
                  http: {bind_address: 127.0.0.1, port: -1}
                api: {bind_address: 127.0.0.1, port: 0}
                coverage: {inventory: inventory.yaml, tick_interval_ms: 3600000}
                detection: {rules: rules}
                """);
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private void restart() {
        if (server != null) {
            server.close();
        }
        final Validation v = Validation.run(configFile);
        assertThat(v.errors()).isEmpty();
        server = new Watchfloor(v, tmp.resolve("data"), clock);
        server.start();
    }

    /** @return the hold changes of the coverage journal, in order; the server is closed first */
    private List<HoldChange> journaled() {
        server.close();
        server = null;
        return journaledSoFar();
    }

    /** @return the hold changes of the coverage journal so far (a second reader of the same queue) */
    private List<HoldChange> journaledSoFar() {
        final List<HoldChange> out = new ArrayList<>();
        try (TextJournal j = new TextJournal(new JournalConfig(tmp.resolve("data").resolve("journal"), 30), "coverage")) {
            j.readAll(json -> {
                if (HoldChange.isJournalRecord(json)) {
                    out.add(HoldChange.fromJournalJson(json));
                }
            });
        }
        return out;
    }

    private static List<String> summary(List<HoldChange> changes) {
        final List<String> out = new ArrayList<>();
        changes.forEach(c -> out.add(c.action().id() + " " + c.kind().id() + " " + c.id() + " by " + c.actor()));
        return out;
    }

    @Test
    void shouldJournalCreatesEditsAndTheExpiryOnceWithActorAndBeforeAfter() throws Exception {
        restart();
        restart();
        assertThat(summary(journaled())).as("created once, however often it starts").containsExactly(
                "create maintenance_window sunday by inventory.yaml", "create exception migration by inventory.yaml");

        // the exception expires while it runs: recorded by watchfloor itself, once
        restart();
        clock.advance(2 * 3_600_000L);
        server.tick();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(summary(journaledSoFar()))
                .contains("expire exception migration by watchfloor"));
        restart();
        clock.advance(60_000);
        server.tick();

        // an edit of the file is found at the next start, with the document before and after
        Files.writeString(tmp.resolve("inventory.yaml"), INVENTORY.formatted("cio@example.com"));
        restart();
        final List<HoldChange> all = journaled();
        assertThat(summary(all)).containsExactly(
                "create maintenance_window sunday by inventory.yaml", "create exception migration by inventory.yaml",
                "expire exception migration by watchfloor", "edit exception migration by inventory.yaml");
        final HoldChange edit = all.get(3);
        assertThat(edit.before()).containsEntry("approver", "ciso@example.com");
        assertThat(edit.after()).containsEntry("approver", "cio@example.com");
        assertThat(edit.atMs()).isEqualTo(clock.nowMs());
        assertThat(all.get(2).atMs()).isEqualTo(Instant.parse("2026-03-01T01:00:00Z").toEpochMilli());
    }
}
