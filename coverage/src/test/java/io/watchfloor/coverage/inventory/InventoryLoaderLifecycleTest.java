package io.watchfloor.coverage.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code lifecycle}, {@code retired} and {@code tags} keys of a source in {@code inventory.yaml}. */
class InventoryLoaderLifecycleTest {
    @TempDir
    Path dir;

    private InventoryLoadResult load(String... lines) throws IOException {
        final Path f = dir.resolve("inventory.yaml");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return InventoryLoader.load(f);
    }

    private static List<String> rendered(InventoryLoadResult r) {
        return r.errors().stream().map(e -> e.yamlPath() + ": " + e.message()).collect(Collectors.toList());
    }

    @Test
    void shouldDefaultToActiveAndReadOnboardingAndRetired() throws IOException {
        final InventoryLoadResult r = load(
                "sources:",
                "  - {id: a, name: A, category: cloud, match: {apps: [a]}, max_silence: 1m}",
                "  - {id: b, name: B, category: cloud, match: {apps: [b]}, max_silence: 1m, lifecycle: onboarding,",
                "     tags: [new, dmz]}",
                "  - id: c",
                "    name: C",
                "    category: network",
                "    match: {hosts: [\"c-*\"]}",
                "    max_silence: 1h",
                "    lifecycle: retired",
                "    retired: {date: 2026-01-15, reason: \"CHG-1234 replaced by fw-edge-02\"}",
                "  - id: d",
                "    name: D",
                "    category: network",
                "    match: {hosts: [\"d-*\"]}",
                "    max_silence: 1h",
                "    lifecycle: retired",
                "    retired: {date: \"2026-02-01\", reason: decommissioned}");

        assertThat(rendered(r)).isEmpty();
        final Inventory inv = r.inventory();
        assertThat(inv.byId("a").lifecycle()).isEqualTo(Lifecycle.ACTIVE);
        assertThat(inv.byId("a").retired()).isNull();
        assertThat(inv.byId("b").lifecycle()).isEqualTo(Lifecycle.ONBOARDING);
        assertThat(inv.byId("b").tags()).containsExactly("new", "dmz");
        assertThat(inv.byId("c").retired())
                .isEqualTo(new Retirement(LocalDate.of(2026, 1, 15), "CHG-1234 replaced by fw-edge-02"));
        assertThat(inv.byId("c").retired().startMs()).isEqualTo(1_768_435_200_000L);
        assertThat(inv.byId("d").retired().date()).as("a quoted date reads the same").isEqualTo(LocalDate.of(2026, 2, 1));
    }

    @Test
    void shouldNameTheYamlPathOfEveryLifecycleError() throws IOException {
        final InventoryLoadResult r = load(
                "sources:",
                "  - {id: a, name: A, category: cloud, match: {apps: [a]}, max_silence: 1m, lifecycle: paused}",
                "  - {id: b, name: B, category: cloud, match: {apps: [b]}, max_silence: 1m, lifecycle: retired}",
                "  - {id: c, name: C, category: cloud, match: {apps: [c]}, max_silence: 1m,",
                "     retired: {date: 2026-01-15, reason: gone}}",
                "  - {id: d, name: D, category: cloud, match: {apps: [d]}, max_silence: 1m, lifecycle: retired,",
                "     retired: {date: 2026-01-15T10:00:00Z, reason: \"\", ticket: 7}}",
                "  - {id: e, name: E, category: cloud, match: {apps: [e]}, max_silence: 1m, lifecycle: retired,",
                "     retired: {date: 15.01.2026, reason: gone}}",
                "  - {id: f, name: F, category: cloud, match: {apps: [f]}, max_silence: 1m, tags: [DMZ]}");

        assertThat(rendered(r)).containsExactly(
                "sources[0].lifecycle: found \"paused\" (expected: one of onboarding, active, retired)",
                "sources[1].retired: missing (expected: a mapping with date and reason, required by lifecycle retired)",
                "sources[2].retired: found a mapping (expected: no retired unless lifecycle is retired)",
                "sources[3].retired.ticket: found an unknown key (expected: one of date, reason)",
                "sources[3].retired.date: found a Date (expected: a date like 2026-01-15)",
                "sources[3].retired.reason: found an empty string (expected: why it was retired, 1..500 characters)",
                "sources[4].retired.date: found \"15.01.2026\" (expected: a date like 2026-01-15)",
                "sources[5].tags[0]: found \"DMZ\" (expected: a tag matching [a-z0-9][a-z0-9._-]*)");
        assertThat(r.inventory()).isNull();
    }

    @Test
    void shouldLoadTheShippedInventory() {
        final InventoryLoadResult r = InventoryLoader.load(Path.of("..", "config", "inventory.yaml"));

        assertThat(rendered(r)).isEmpty();
        assertThat(r.inventory().sources()).extracting(Source::lifecycle)
                .contains(Lifecycle.ACTIVE, Lifecycle.ONBOARDING, Lifecycle.RETIRED);
    }
}
