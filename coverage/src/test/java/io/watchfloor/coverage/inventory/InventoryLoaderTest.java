package io.watchfloor.coverage.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.core.config.ConfigError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryLoaderTest {
    @TempDir
    Path dir;

    private static final String VALID = String.join("\n",
            "sources:",
            "  - id: fw-edge-01",
            "    name: Edge firewall",
            "    category: network",
            "    match:",
            "      hosts: [\"fw-edge-01*\"]",
            "      peers: [\"192.0.2.0/24\", \"2001:db8::/32\", \"198.51.100.7\"]",
            "      apps: [filterlog]",
            "    logsource: {product: pfsense, category: firewall}",
            "    max_silence: 5m",
            "    criticality: high",
            "    owner: netops",
            "  - id: linux-auth",
            "    name: Linux auth",
            "    category: identity",
            "    match: {apps: [sshd]}",
            "    max_silence: 2d",
            "");

    private Path write(String yaml) throws IOException {
        final Path f = dir.resolve("inventory.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    /** A one-source document whose source body is {@code body} (indented by 4). */
    private Path oneSource(String... lines) throws IOException {
        final StringBuilder sb = new StringBuilder("sources:\n  - ");
        for (int i = 0; i < lines.length; i++) {
            sb.append(i == 0 ? "" : "    ").append(lines[i]).append('\n');
        }
        return write(sb.toString());
    }

    private static List<String> rendered(InventoryLoadResult r) {
        return r.errors().stream().map(e -> e.yamlPath() + ": " + e.message()).collect(Collectors.toList());
    }

    @Test
    void shouldLoadValidInventoryInDeclaredOrder() throws IOException {
        final InventoryLoadResult r = InventoryLoader.load(write(VALID));

        assertThat(r.errors()).isEmpty();
        assertThat(r.ok()).isTrue();
        final Inventory inv = r.inventory();
        assertThat(inv.size()).isEqualTo(2);
        final Source fw = inv.source(0);
        assertThat(fw.index()).isZero();
        assertThat(fw.id()).isEqualTo("fw-edge-01");
        assertThat(fw.name()).isEqualTo("Edge firewall");
        assertThat(fw.category()).isEqualTo(Category.NETWORK);
        assertThat(fw.match().hosts()).containsExactly("fw-edge-01*");
        assertThat(fw.match().peers()).containsExactly("192.0.2.0/24", "2001:db8::/32", "198.51.100.7");
        assertThat(fw.match().apps()).containsExactly("filterlog");
        assertThat(fw.logsource()).isEqualTo(new LogSourceRef("pfsense", null, "firewall"));
        assertThat(fw.maxSilenceMs()).isEqualTo(300_000L);
        assertThat(fw.criticality()).isEqualTo(Criticality.HIGH);
        assertThat(fw.owner()).isEqualTo("netops");
        final Source auth = inv.byId("linux-auth");
        assertThat(auth.index()).isEqualTo(1);
        assertThat(auth.maxSilenceMs()).isEqualTo(2 * 86_400_000L);
        assertThat(auth.criticality()).isEqualTo(Criticality.MEDIUM);
        assertThat(auth.owner()).isNull();
        assertThat(auth.logsource()).isNull();
        assertThat(auth.match().hosts()).isEmpty();
    }

    @Test
    void shouldLoadTheShippedDefaultInventory() {
        final InventoryLoadResult r = InventoryLoader.load(Path.of("../config/inventory.yaml"));

        assertThat(r.errors()).isEmpty();
        final Inventory inv = r.inventory();
        assertThat(inv.sources()).extracting(Source::category).contains(Category.values());
        assertThat(inv.byId("linux-auth").match().apps()).containsExactly("sshd");
        assertThat(inv.byId("linux-auth").match().hosts()).isEmpty();
        assertThat(inv.byId("web-app").match().apps()).containsExactly("web-app");
        assertThat(inv.byId("web-app").match().hosts()).isEmpty();
    }

    @Test
    void shouldAcceptAnEmptySourceList() throws IOException {
        assertThat(InventoryLoader.load(write("sources: []\n")).inventory().size()).isZero();
    }

    @Test
    void shouldReportMissingRequiredKeysWithTheirPaths() throws IOException {
        final InventoryLoadResult r = InventoryLoader.load(oneSource("owner: netops"));

        assertThat(r.inventory()).isNull();
        assertThat(rendered(r)).containsExactly(
                "sources[0].id: missing (expected: an id matching [a-z0-9][a-z0-9._-]*)",
                "sources[0].name: missing (expected: a human-readable name)",
                "sources[0].category: missing (expected: one of identity, endpoint, network, cloud, application)",
                "sources[0].match: missing (expected: at least one of hosts, peers, apps with an entry)");
    }

    @Test
    void shouldRejectBadIdCategoryCriticalityAndDuration() throws IOException {
        final InventoryLoadResult r = InventoryLoader.load(oneSource(
                "id: Fw_Edge", "name: x", "category: netwerk", "match: {apps: [a]}", "max_silence: 5x",
                "criticality: urgent"));

        assertThat(rendered(r)).containsExactly(
                "sources[0].id: found \"Fw_Edge\" (expected: an id matching [a-z0-9][a-z0-9._-]*)",
                "sources[0].category: found \"netwerk\" (expected: one of identity, endpoint, network, cloud, application)",
                "sources[0].max_silence: found \"5x\" (expected: a positive duration like 30s, 5m, 1h, 2d)",
                "sources[0].criticality: found \"urgent\" (expected: one of low, medium, high, critical)");
    }

    @Test
    void shouldReadAnOptionalLagObjective() throws IOException {
        final InventoryLoadResult r = InventoryLoader.load(oneSource(
                "id: a", "name: x", "category: cloud", "match: {apps: [a]}", "max_silence: 5m", "max_lag: 2m"));
        assertThat(r.inventory().source(0).maxLagMs()).isEqualTo(120_000L);
        assertThat(InventoryLoader.load(write(VALID)).inventory().source(0).maxLagMs()).isEqualTo(Source.NO_MAX_LAG);
        assertThat(rendered(InventoryLoader.load(oneSource(
                "id: a", "name: x", "category: cloud", "match: {apps: [a]}", "max_silence: 5m", "max_lag: soon"))))
                .containsExactly("sources[0].max_lag: found \"soon\" (expected: a positive duration like 30s, 5m, 1h, 2d)");
    }

    @Test
    void shouldLearnTheCadenceOfASourceWithoutMaxSilence() throws IOException {
        final Source s = InventoryLoader.load(oneSource(
                "id: a", "name: x", "category: cloud", "match: {apps: [a]}")).inventory().source(0);
        assertThat(s.cadence()).isEqualTo(Cadence.LEARNED);
        assertThat(s.maxSilenceMs()).isEqualTo(Cadence.LEARNED_CEILING_MS_DEFAULT);
        assertThat(InventoryLoader.load(write(VALID)).inventory().source(0).cadence()).isEqualTo(Cadence.STATIC);
    }

    @Test
    void shouldReadABatchSchedule() throws IOException {
        final Source s = InventoryLoader.load(oneSource("id: a", "name: x", "category: cloud", "match: {apps: [a]}",
                "cadence: batch", "schedule: {daily_at: \"02:30\", grace: 2h}")).inventory().source(0);
        assertThat(s.cadence()).isEqualTo(Cadence.batch(150 * 60_000L, 7_200_000L));
        assertThat(s.maxSilenceMs()).isEqualTo(Cadence.DAY_MS + 7_200_000L);
    }

    @Test
    void shouldRejectInconsistentCadences() throws IOException {
        assertThat(rendered(InventoryLoader.load(oneSource("id: a", "name: x", "category: cloud",
                "match: {apps: [a]}", "cadence: static")))).containsExactly(
                "sources[0].max_silence: missing (expected: a positive duration like 30s, 5m, 1h, 2d, required by "
                        + "cadence static)");
        assertThat(rendered(InventoryLoader.load(oneSource("id: a", "name: x", "category: cloud",
                "match: {apps: [a]}", "cadence: learned", "max_silence: 5m", "schedule: {daily_at: \"01:00\"}"))))
                .containsExactly("sources[0].max_silence: found \"5m\" (expected: no max_silence with cadence "
                        + "learned (max_silence means cadence static))",
                        "sources[0].schedule: found a mapping (expected: no schedule unless cadence is batch)");
        assertThat(rendered(InventoryLoader.load(oneSource("id: a", "name: x", "category: cloud",
                "match: {apps: [a]}", "cadence: hourly")))).containsExactly(
                "sources[0].cadence: found \"hourly\" (expected: one of static, learned, batch)");
        assertThat(rendered(InventoryLoader.load(oneSource("id: a", "name: x", "category: cloud",
                "match: {apps: [a]}", "cadence: batch")))).containsExactly(
                "sources[0].schedule: missing (expected: a mapping with daily_at and grace, required by cadence batch)");
        assertThat(rendered(InventoryLoader.load(oneSource("id: a", "name: x", "category: cloud",
                "match: {apps: [a]}", "cadence: batch", "schedule: {daily_at: \"25:00\", grace: 13h, tz: cet}"))))
                .containsExactly(
                "sources[0].schedule.tz: found an unknown key (expected: one of daily_at, grace)",
                "sources[0].schedule.daily_at: found \"25:00\" (expected: a UTC time of day like \"02:30\")",
                "sources[0].schedule.grace: found \"13h\" (expected: a duration below 12h like 2h)");
    }

    @Test
    void shouldRejectZeroAndNumericDurations() throws IOException {
        assertThat(rendered(InventoryLoader.load(oneSource(
                "id: a", "name: x", "category: cloud", "match: {apps: [a]}", "max_silence: 0s"))))
                .containsExactly("sources[0].max_silence: found \"0s\" (expected: a positive duration like 30s, 5m, 1h, 2d)");
        assertThat(rendered(InventoryLoader.load(oneSource(
                "id: a", "name: x", "category: cloud", "match: {apps: [a]}", "max_silence: 300"))))
                .containsExactly("sources[0].max_silence: found integer 300 (expected: a positive duration like 30s, 5m, 1h, 2d)");
    }

    @Test
    void shouldParseDurations() {
        assertThat(InventoryLoader.parseDurationMs("30s")).isEqualTo(30_000L);
        assertThat(InventoryLoader.parseDurationMs("5m")).isEqualTo(300_000L);
        assertThat(InventoryLoader.parseDurationMs("1h")).isEqualTo(3_600_000L);
        assertThat(InventoryLoader.parseDurationMs("2d")).isEqualTo(172_800_000L);
        assertThat(InventoryLoader.parseDurationMs("0m")).isEqualTo(-1);
        assertThat(InventoryLoader.parseDurationMs("-5m")).isEqualTo(-1);
        assertThat(InventoryLoader.parseDurationMs("5")).isEqualTo(-1);
        assertThat(InventoryLoader.parseDurationMs("5 m")).isEqualTo(-1);
        assertThat(InventoryLoader.parseDurationMs("m")).isEqualTo(-1);
        assertThat(InventoryLoader.parseDurationMs("99999999999d")).isEqualTo(-1);
    }

    @Test
    void shouldRejectDuplicateIds() throws IOException {
        final InventoryLoadResult r = InventoryLoader.load(write(String.join("\n",
                "sources:",
                "  - {id: a, name: A, category: cloud, match: {apps: [x]}, max_silence: 1m}",
                "  - {id: b, name: B, category: cloud, match: {apps: [x]}, max_silence: 1m}",
                "  - {id: a, name: C, category: cloud, match: {apps: [x]}, max_silence: 1m}", "")));

        assertThat(rendered(r)).containsExactly(
                "sources[2].id: found \"a\" (expected: an id not used by an earlier source)");
    }

    @Test
    void shouldRejectBadPeersAndGlobsWithIndexedPaths() throws IOException {
        final InventoryLoadResult r = InventoryLoader.load(oneSource(
                "id: a", "name: x", "category: network",
                "match:",
                "  hosts: [\"fw-*\", \"fw[12]\", \"\"]",
                "  peers: [\"192.0.2.0/24\", \"192.0.2.0/33\", \"2001:db8::zz\", \"example.com\", \"2001:db8::/129\","
                        + " \"256.1.1.1\", \"192.0.2\", \"fe80::1%eth0\"]",
                "  apps: [\"sshd\", \"my app\"]",
                "max_silence: 5m"));

        final String peer = " (expected: an IPv4/IPv6 address or CIDR block like 192.0.2.0/24)";
        final String glob = " (expected: a glob of printable characters using only * and ? as wildcards)";
        assertThat(rendered(r)).containsExactly(
                "sources[0].match.hosts[1]: found \"fw[12]\"" + glob,
                "sources[0].match.hosts[2]: found an empty string" + glob,
                "sources[0].match.peers[1]: found \"192.0.2.0/33\"" + peer,
                "sources[0].match.peers[2]: found \"2001:db8::zz\"" + peer,
                "sources[0].match.peers[3]: found \"example.com\"" + peer,
                "sources[0].match.peers[4]: found \"2001:db8::/129\"" + peer,
                "sources[0].match.peers[5]: found \"256.1.1.1\"" + peer,
                "sources[0].match.peers[6]: found \"192.0.2\"" + peer,
                "sources[0].match.peers[7]: found \"fe80::1%eth0\"" + peer,
                "sources[0].match.apps[1]: found \"my app\"" + glob);
    }

    @Test
    void shouldRequireAtLeastOneMatchCriterion() throws IOException {
        final String expected = " (expected: at least one of hosts, peers, apps with an entry)";
        assertThat(rendered(InventoryLoader.load(oneSource(
                "id: a", "name: x", "category: cloud", "match: {}", "max_silence: 1m"))))
                .containsExactly("sources[0].match: found an empty mapping" + expected);
        assertThat(rendered(InventoryLoader.load(oneSource(
                "id: a", "name: x", "category: cloud", "match: {hosts: [], apps: []}", "max_silence: 1m"))))
                .containsExactly("sources[0].match: found a mapping" + expected);
        assertThat(rendered(InventoryLoader.load(oneSource(
                "id: a", "name: x", "category: cloud", "match: [fw]", "max_silence: 1m"))))
                .containsExactly("sources[0].match: found a list" + expected);
    }

    @Test
    void shouldRejectUnknownKeysAnywhere() throws IOException {
        final InventoryLoadResult r = InventoryLoader.load(write(String.join("\n",
                "version: 2",
                "sources:",
                "  - id: a",
                "    name: A",
                "    colour: red",
                "    category: cloud",
                "    match: {apps: [x], tokens: [t]}",
                "    logsource: {product: aws, vendor: amazon}",
                "    max_silence: 1m",
                "")));

        assertThat(rendered(r)).containsExactly(
                "version: found an unknown key (expected: one of sources, maintenance_windows, exceptions)",
                "sources[0].colour: found an unknown key (expected: one of id, name, category, match, logsource, "
                        + "max_silence, criticality, owner, max_lag, cadence, schedule, tags, volume, required, degraded, "
                        + "sequence_field, lifecycle, retired)",
                "sources[0].match.tokens: found an unknown key (expected: one of hosts, peers, apps)",
                "sources[0].logsource.vendor: found an unknown key (expected: one of product, service, category)");
    }

    @Test
    void shouldRejectWrongTypes() throws IOException {
        final InventoryLoadResult r = InventoryLoader.load(oneSource(
                "id: 7", "name: [a, b]", "category: cloud",
                "match: {hosts: \"fw-*\", peers: [1, \"192.0.2.1\"]}",
                "logsource: pfsense", "max_silence: 1m", "owner: {team: x}"));

        assertThat(rendered(r)).containsExactly(
                "sources[0].id: found integer 7 (expected: an id matching [a-z0-9][a-z0-9._-]*)",
                "sources[0].name: found a list (expected: a human-readable name)",
                "sources[0].match.hosts: found \"fw-*\" (expected: a list, each entry a glob of printable characters "
                        + "using only * and ? as wildcards)",
                "sources[0].match.peers[0]: found integer 1 (expected: an IPv4/IPv6 address or CIDR block like "
                        + "192.0.2.0/24)",
                "sources[0].logsource: found \"pfsense\" (expected: a mapping with product, service and/or category)",
                "sources[0].owner: found a mapping (expected: a team name)");
    }

    @Test
    void shouldRejectDocumentsOfTheWrongShape() throws IOException {
        assertThat(rendered(InventoryLoader.load(write("- a\n- b\n"))))
                .containsExactly(": found a list (expected: a mapping with the key sources)");
        assertThat(rendered(InventoryLoader.load(write(""))))
                .containsExactly(": found nothing (expected: a mapping with the key sources)");
        assertThat(rendered(InventoryLoader.load(write("other: 1\n")))).containsExactly(
                "other: found an unknown key (expected: one of sources, maintenance_windows, exceptions)",
                "sources: missing (expected: a list of sources)");
        assertThat(rendered(InventoryLoader.load(write("sources: {a: 1}\n"))))
                .containsExactly("sources: found a mapping (expected: a list of sources)");
        assertThat(rendered(InventoryLoader.load(write("sources: [fw]\n"))))
                .containsExactly("sources[0]: found \"fw\" (expected: a mapping describing a source)");
    }

    @Test
    void shouldCollectErrorsFromEverySource() throws IOException {
        final InventoryLoadResult r = InventoryLoader.load(write(String.join("\n",
                "sources:",
                "  - {id: a, name: A, category: cloud, match: {apps: [x]}, max_silence: 1w}",
                "  - {id: b, name: B, category: cloud, match: {apps: [x]}, max_silence: 1m}",
                "  - {id: c, name: C, category: clod, match: {apps: [x]}, max_silence: 1m}", "")));

        assertThat(r.errors()).extracting(ConfigError::yamlPath)
                .containsExactly("sources[0].max_silence", "sources[2].category");
        assertThat(r.errors()).allSatisfy(e -> assertThat(e.file()).isEqualTo(dir.resolve("inventory.yaml")));
        assertThat(r.errors().get(0).toString()).isEqualTo(dir.resolve("inventory.yaml")
                + ": sources[0].max_silence: found \"1w\" (expected: a positive duration like 30s, 5m, 1h, 2d)");
    }

    @Test
    void shouldReportYamlSyntaxAndDuplicateKeysWithLine() throws IOException {
        final InventoryLoadResult syntax = InventoryLoader.load(write("sources:\n  - id: [a\n"));
        assertThat(syntax.inventory()).isNull();
        assertThat(syntax.errors()).singleElement().satisfies(e -> {
            assertThat(e.yamlPath()).isEmpty();
            assertThat(e.message()).contains("line").contains("(expected: well-formed YAML with unique keys)");
        });

        final InventoryLoadResult dup = InventoryLoader.load(write("sources:\n  - id: a\n    id: b\n"));
        assertThat(dup.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("line 3"));
    }

    @Test
    void shouldBoundAliasExpansion() throws IOException {
        final StringBuilder sb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 60; i++) {
            sb.append("k").append(i).append(": [*a, *a]\n");
        }
        final InventoryLoadResult r = InventoryLoader.load(write(sb.toString()));

        assertThat(r.inventory()).isNull();
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("alias"));
    }

    @Test
    void shouldReportAMissingFile() {
        final InventoryLoadResult r = InventoryLoader.load(dir.resolve("absent.yaml"));

        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.yamlPath()).isEmpty();
            assertThat(e.message()).startsWith("cannot read the file: NoSuchFileException");
        });
    }
}
