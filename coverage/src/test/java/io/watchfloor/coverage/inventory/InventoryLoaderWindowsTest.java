package io.watchfloor.coverage.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maintenance windows, exceptions and tags in {@code inventory.yaml} (issue 3, item 6). */
class InventoryLoaderWindowsTest {
    @TempDir
    Path dir;

    private static final String SOURCES = String.join("\n",
            "sources:",
            "  - id: fw",
            "    name: Edge firewall",
            "    category: network",
            "    match: {hosts: [\"fw*\"]}",
            "    max_silence: 5m",
            "    tags: [dmz, perimeter]",
            "  - id: ldap",
            "    name: LDAP",
            "    category: identity",
            "    match: {apps: [slapd]}",
            "    max_silence: 5m",
            "");

    private InventoryLoadResult load(String... lines) throws IOException {
        final Path f = dir.resolve("inventory.yaml");
        Files.writeString(f, SOURCES + String.join("\n", lines) + "\n");
        return InventoryLoader.load(f);
    }

    private static List<String> rendered(InventoryLoadResult r) {
        return r.errors().stream().map(e -> e.yamlPath() + ": " + e.message()).collect(Collectors.toList());
    }

    @Test
    void shouldLoadWindowsOfEveryScopeAndExceptions() throws IOException {
        final InventoryLoadResult r = load(
                "maintenance_windows:",
                "  - id: fw-upgrade",
                "    description: firmware upgrade",
                "    source: fw",
                "    start: \"2026-03-01T22:00:00Z\"",
                "    end: 2026-03-02T02:00:00+01:00",
                "  - id: dmz-patch",
                "    tag: dmz",
                "    days: [sat, sun]",
                "    from: \"23:00\"",
                "    to: \"01:30\"",
                "    timezone: \"+02:00\"",
                "  - id: identity-nightly",
                "    category: identity",
                "    days: [mon]",
                "    from: \"02:00\"",
                "    to: \"03:00\"",
                "exceptions:",
                "  - id: ldap-migration",
                "    source: ldap",
                "    justification: moving to new servers",
                "    compensating_control: EDR on the hosts",
                "    approver: ciso@example.com",
                "    start: \"2026-03-01T00:00:00Z\"",
                "    expiry: \"2026-04-01T00:00:00Z\"");

        assertThat(rendered(r)).isEmpty();
        final Inventory inv = r.inventory();
        assertThat(inv.byId("fw").tags()).containsExactly("dmz", "perimeter");
        assertThat(inv.byId("ldap").tags()).isEmpty();
        final List<MaintenanceWindow> ws = inv.maintenanceWindows();
        assertThat(ws).hasSize(3);
        final long start = java.time.Instant.parse("2026-03-01T22:00:00Z").toEpochMilli();
        assertThat(ws.get(0)).isEqualTo(MaintenanceWindow.oneOff("fw-upgrade",
                new SourceScope(SourceScope.Kind.SOURCE, "fw"), start, start + 3 * 3_600_000));
        assertThat(ws.get(1)).isEqualTo(MaintenanceWindow.weekly("dmz-patch",
                new SourceScope(SourceScope.Kind.TAG, "dmz"), 0b110_0000, 23 * 3_600_000L, 90 * 60_000L,
                2 * 3_600_000L));
        assertThat(ws.get(2).scope().covers(inv.byId("ldap"))).isTrue();
        assertThat(ws.get(2).scope().covers(inv.byId("fw"))).isFalse();
        assertThat(inv.exceptions()).containsExactly(new ExceptionGrant("ldap-migration", "ldap",
                "moving to new servers", "EDR on the hosts", "ciso@example.com",
                java.time.Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(),
                java.time.Instant.parse("2026-04-01T00:00:00Z").toEpochMilli()));
    }

    @Test
    void shouldRejectBadWindowsWithTheirPaths() throws IOException {
        final InventoryLoadResult r = load(
                "maintenance_windows:",
                "  - id: both",
                "    source: fw",
                "    tag: dmz",
                "    start: \"2026-03-01T22:00:00Z\"",
                "    end: \"2026-03-01T21:00:00Z\"",
                "  - id: weekly",
                "    source: nope",
                "    days: [mon, funday, mon]",
                "    from: \"25:00\"",
                "    to: 2:00",
                "    timezone: Europe/Paris",
                "    owner: x",
                "  - id: mixed",
                "    category: galaxy",
                "    start: \"2026-03-01\"",
                "    days: [mon]",
                "  - id: both",
                "    tag: unused",
                "    start: \"yesterday\"");

        assertThat(rendered(r)).containsExactly(
                "maintenance_windows[0]: found a mapping (expected: exactly one of source, tag, category)",
                "maintenance_windows[0].end: found \"2026-03-01T21:00:00Z\" (expected: a time after start)",
                "maintenance_windows[1].owner: found an unknown key (expected: one of id, description, source, tag, "
                        + "category, start, end, days, from, to, timezone)",
                "maintenance_windows[1].source: found \"nope\" (expected: a source id of this inventory)",
                "maintenance_windows[1].days[1]: found \"funday\" (expected: one of mon, tue, wed, thu, fri, sat, sun)",
                "maintenance_windows[1].days[2]: found \"mon\" (expected: a day not listed before)",
                "maintenance_windows[1].from: found \"25:00\" (expected: a quoted time of day like \"02:30\")",
                "maintenance_windows[1].to: found integer 120 (expected: a quoted time of day like \"02:30\")",
                "maintenance_windows[1].timezone: found \"Europe/Paris\" (expected: UTC or an offset like \"+02:00\")",
                "maintenance_windows[2].category: found \"galaxy\" (expected: one of identity, endpoint, network, cloud, "
                        + "application)",
                "maintenance_windows[2]: found a mapping (expected: either start and end (one-off) or days, from and "
                        + "to (weekly), not both)",
                "maintenance_windows[3].id: found \"both\" (expected: an id not used by an earlier window)",
                "maintenance_windows[3].tag: found \"unused\" (expected: a tag used by a source)",
                "maintenance_windows[3].start: found \"yesterday\" (expected: an ISO-8601 date-time with an offset "
                        + "like \"2026-03-01T22:00:00Z\")",
                "maintenance_windows[3].end: missing (expected: an ISO-8601 date-time with an offset like "
                        + "\"2026-03-01T22:00:00Z\")");
    }

    @Test
    void shouldRejectBadExceptionsWithTheirPaths() throws IOException {
        final InventoryLoadResult r = load(
                "exceptions:",
                "  - id: x1",
                "    source: ghost",
                "    justification: because",
                "    approver: ciso",
                "    start: \"2026-03-02T00:00:00Z\"",
                "    expiry: \"2026-03-01T00:00:00Z\"",
                "    ticket: 42",
                "  - source: ldap");

        assertThat(rendered(r)).containsExactly(
                "exceptions[0].ticket: found an unknown key (expected: one of id, source, justification, "
                        + "compensating_control, approver, start, expiry)",
                "exceptions[0].source: found \"ghost\" (expected: a source id of this inventory)",
                "exceptions[0].compensating_control: missing (expected: what covers the risk meanwhile)",
                "exceptions[0].expiry: found \"2026-03-01T00:00:00Z\" (expected: a time after start)",
                "exceptions[1].id: missing (expected: an id matching [a-z0-9][a-z0-9._-]*)",
                "exceptions[1].justification: missing (expected: why the gap is accepted)",
                "exceptions[1].compensating_control: missing (expected: what covers the risk meanwhile)",
                "exceptions[1].approver: missing (expected: who approved the exception)",
                "exceptions[1].start: missing (expected: an ISO-8601 date-time with an offset like "
                        + "\"2026-03-01T22:00:00Z\")",
                "exceptions[1].expiry: missing (expected: an ISO-8601 date-time with an offset like "
                        + "\"2026-03-01T22:00:00Z\")");
    }

    @Test
    void shouldLoadTheShippedInventoryWithItsCommentedExamplesEnabled() throws IOException {
        final String shipped = Files.readString(Path.of("../config/inventory.yaml"));
        final StringBuilder enabled = new StringBuilder();
        boolean inExample = false;
        for (String line : shipped.split("\n", -1)) {
            if (line.equals("# example-begin") || line.equals("# example-end")) {
                inExample = line.endsWith("begin");
            } else {
                enabled.append(inExample && line.startsWith("#") ? line.substring(1) : line).append('\n');
            }
        }
        final Path f = dir.resolve("inventory.yaml");
        Files.writeString(f, enabled.toString());
        final InventoryLoadResult r = InventoryLoader.load(f);

        assertThat(rendered(r)).isEmpty();
        assertThat(r.inventory().maintenanceWindows()).extracting(MaintenanceWindow::id)
                .containsExactly("fw-firmware-upgrade", "sunday-patching");
        assertThat(r.inventory().exceptions()).extracting(ExceptionGrant::id).containsExactly("payroll-migration");
        final SourceContent dc = r.inventory().byId("windows-dc").content();
        assertThat(dc.volume()).isEqualTo(VolumePolicy.DEFAULT);
        assertThat(dc.degraded().required()).containsExactly(
                new RequiredField("event.code", java.util.List.of("4624", "4625"), false));
        assertThat(dc.degraded().maxParseFailureRate()).isEqualTo(0.2);
        assertThat(dc.sequenceField()).isEqualTo("meta.sequenceId");
    }

    @Test
    void shouldRejectBadTags() throws IOException {
        final Path f = dir.resolve("inventory.yaml");
        Files.writeString(f, SOURCES.replace("tags: [dmz, perimeter]", "tags: [DMZ, 3]"));
        assertThat(rendered(InventoryLoader.load(f))).containsExactly(
                "sources[0].tags[1]: found integer 3 (expected: a tag matching [a-z0-9][a-z0-9._-]*)",
                "sources[0].tags[0]: found \"DMZ\" (expected: a tag matching [a-z0-9][a-z0-9._-]*)");
    }

    @Test
    void shouldFindTheOccurrenceOfAWeeklyWindowAcrossMidnightInItsOffset() {
        // Saturdays 23:00 to 01:30 at +02:00: Saturday 21:00 to 23:30 UTC
        final MaintenanceWindow w = MaintenanceWindow.weekly("w", new SourceScope(SourceScope.Kind.TAG, "dmz"),
                1 << 5, 23 * 3_600_000L, 90 * 60_000L, 2 * 3_600_000L);
        final long saturday = 1_699_228_800_000L + 5 * 86_400_000L;
        assertThat(w.coverEndMs(saturday + 20 * 3_600_000L + 59 * 60_000L)).isEqualTo(-1);
        assertThat(w.coverEndMs(saturday + 21 * 3_600_000L)).isEqualTo(saturday + 23 * 3_600_000L + 30 * 60_000L);
        assertThat(w.coverEndMs(saturday + 23 * 3_600_000L + 29 * 60_000L))
                .isEqualTo(saturday + 23 * 3_600_000L + 30 * 60_000L);
        assertThat(w.coverEndMs(saturday + 23 * 3_600_000L + 30 * 60_000L)).isEqualTo(-1);
        assertThat(w.coverEndMs(saturday - 86_400_000L + 22 * 3_600_000L)).as("Friday").isEqualTo(-1);
        assertThat(w.occurrences(saturday - 7 * 86_400_000L, saturday + 86_400_000L)).hasSize(2)
                .last().satisfies(o -> assertThat(o).containsExactly(saturday + 21 * 3_600_000L,
                        saturday + 23 * 3_600_000L + 30 * 60_000L));
    }
}
