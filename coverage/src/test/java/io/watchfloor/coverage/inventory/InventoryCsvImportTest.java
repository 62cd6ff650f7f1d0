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

class InventoryCsvImportTest {
    @TempDir
    Path dir;

    private static final Path CSV = Path.of("inventory.csv");

    private static List<String> rendered(InventoryCsvImport.Result r) {
        return r.errors().stream().map(e -> e.yamlPath() + ": " + e.message()).collect(Collectors.toList());
    }

    @Test
    void shouldImportRowsIntoYamlTheLoaderAccepts() throws IOException {
        final String csv = String.join("\r\n",
                "\uFEFFid,name,category,owner,criticality,hosts,peers,apps,logsource_product,logsource_service,"
                        + "logsource_category,max_silence,cadence,daily_at,grace,max_lag,tags,lifecycle,retired_date,"
                        + "retired_reason",
                "fw-edge-01,\"Edge firewall, site A\",network,netops,high,fw-edge-01*,192.0.2.0/24; 2001:db8::/32,"
                        + "filterlog,pfsense,,firewall,5m,,,,,dmz;edge,,,",
                "payroll,Payroll batch export,application,finance-it,critical,payroll*,,,,,,,batch,02:30,2h,,,,,",
                "office-ad,Office AD,identity,,,,,\"winlogbeat\",windows,security,,,,,,15m,,onboarding,,",
                "old-vpn,Old VPN,network,netops,low,vpn-old-*,,,,,,1h,,,,,,retired,2026-01-15,\"CHG-7 \"\"replaced\"\"\"",
                "");

        final InventoryCsvImport.Result r = InventoryCsvImport.convert(CSV, csv);

        assertThat(rendered(r)).isEmpty();
        assertThat(r.sources()).isEqualTo(4);
        final Path yaml = dir.resolve("inventory.yaml");
        Files.writeString(yaml, r.yaml());
        final InventoryLoadResult loaded = InventoryLoader.load(yaml);
        assertThat(loaded.errors()).isEmpty();
        final Inventory inv = loaded.inventory();
        assertThat(inv.sources()).extracting(Source::id).containsExactly("fw-edge-01", "payroll", "office-ad", "old-vpn");
        assertThat(inv.byId("fw-edge-01")).isEqualTo(new Source(0, "fw-edge-01", "Edge firewall, site A",
                Category.NETWORK, new SourceMatch(List.of("fw-edge-01*"), List.of("192.0.2.0/24", "2001:db8::/32"),
                List.of("filterlog")), new LogSourceRef("pfsense", null, "firewall"), 300_000, Criticality.HIGH,
                "netops", Source.NO_MAX_LAG, Cadence.STATIC, List.of("dmz", "edge")));
        assertThat(inv.byId("payroll").cadence()).isEqualTo(Cadence.batch(150 * 60_000L, 7_200_000L));
        assertThat(inv.byId("office-ad").cadence()).as("learned without max_silence").isEqualTo(Cadence.LEARNED);
        assertThat(inv.byId("office-ad").lifecycle()).isEqualTo(Lifecycle.ONBOARDING);
        assertThat(inv.byId("office-ad").maxLagMs()).isEqualTo(900_000);
        assertThat(inv.byId("old-vpn").retired())
                .isEqualTo(new Retirement(LocalDate.of(2026, 1, 15), "CHG-7 \"replaced\""));
        assertThat(r.yaml()).startsWith("# Watchfloor inventory imported from inventory.csv");
    }

    @Test
    void shouldNameTheRowAndColumnOfEveryError() {
        final String csv = String.join("\n",
                "id,name,category,hosts,peers,max_silence,lifecycle,tags",
                "a,A,network,a-*,10.0.0.0/40,5m,,",
                "b,B,cloudy,b-*,,5x,,",
                "c,C,network,,,5m,,",
                "a,A again,network,a2-*,,5m,,",
                "d,D,network,d-*,,5m,retired,DMZ",
                "e,E,network",
                "");

        final InventoryCsvImport.Result r = InventoryCsvImport.convert(CSV, csv);

        assertThat(r.ok()).isFalse();
        assertThat(r.yaml()).isNull();
        assertThat(rendered(r)).containsExactly(
                "row 2, column peers: found \"10.0.0.0/40\" (expected: an IPv4/IPv6 address or CIDR block like "
                        + "192.0.2.0/24)",
                "row 3, column category: found \"cloudy\" (expected: one of identity, endpoint, network, cloud, "
                        + "application)",
                "row 3, column max_silence: found \"5x\" (expected: a positive duration like 30s, 5m, 1h, 2d)",
                "row 4, column hosts/peers/apps: missing (expected: at least one of hosts, peers, apps with an entry)",
                "row 6, column tags: found \"DMZ\" (expected: a tag matching [a-z0-9][a-z0-9._-]*)",
                "row 6, column retired_date/retired_reason: missing (expected: a mapping with date and reason, "
                        + "required by lifecycle retired)",
                "row 7: found 3 fields (expected: 8, one per header column)");
        assertThat(r.errors().get(0).toString()).startsWith("inventory.csv: row 2, column peers: ");
    }

    @Test
    void shouldRejectADuplicateIdNamingTheEarlierRow() {
        final InventoryCsvImport.Result r = InventoryCsvImport.convert(CSV, "id,name,category,apps\n"
                + "a,A,cloud,x\nb,B,cloud,y\na,A2,cloud,z\n");

        assertThat(rendered(r)).containsExactly(
                "row 4, column id: found \"a\" (expected: an id not used by an earlier row; row 2 has it)");
    }

    @Test
    void shouldRejectAnUnknownOrRepeatedColumnAndAMissingRequiredOne() {
        final InventoryCsvImport.Result r = InventoryCsvImport.convert(CSV, "ID,colour,apps,apps\nx,red,a,b\n");

        assertThat(rendered(r)).containsExactly(
                "row 1, column colour: found an unknown column (expected: one of " + InventoryCsvImport.COLUMN_LIST
                        + ")",
                "row 1, column apps: found a column named twice (expected: each column once)",
                "row 1: missing the column name (expected: a header with at least id, name, category and one of "
                        + "hosts, peers, apps)",
                "row 1: missing the column category (expected: a header with at least id, name, category and one "
                        + "of hosts, peers, apps)");
    }

    @Test
    void shouldCountRowsByTheLineTheyStartOn() {
        final InventoryCsvImport.Result r = InventoryCsvImport.convert(CSV, "id,name,category,apps\n"
                + "a,\"two\nlines\",cloud,x\n\nb,B,cloudy,y\n");

        assertThat(rendered(r)).containsExactly("row 5, column category: found \"cloudy\" (expected: one of identity, "
                + "endpoint, network, cloud, application)");
    }

    @Test
    void shouldReportAnUnclosedQuoteAndAnEmptyFile() {
        assertThat(rendered(InventoryCsvImport.convert(CSV, "id,name\n\"a,b\n")))
                .containsExactly(": line 2: a quoted field is not closed (expected: a closing \" before the end of "
                        + "the file)");
        assertThat(rendered(InventoryCsvImport.convert(CSV, "\n\n"))).containsExactly("row 1: found an empty file "
                + "(expected: a header row naming the columns: " + InventoryCsvImport.COLUMN_LIST + ")");
    }
}
