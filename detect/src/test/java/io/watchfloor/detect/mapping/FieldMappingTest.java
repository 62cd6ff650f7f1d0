package io.watchfloor.detect.mapping;

import io.watchfloor.core.config.ConfigError;
import io.watchfloor.detect.rule.LogSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldMappingTest {
    private static final Path FILE = Path.of("test-mapping.yml");

    @Test
    void shouldReadEntriesWithLogSourceAppsExtractorFieldsAndPrefixes() {
        final FieldMapping m = FieldMapping.parse("mappings:\n"
                + "  - name: sshd\n"
                + "    logsource: {product: linux, service: sshd}\n"
                + "    apps: [SSHD, sshd-session]\n"
                + "    extract: sshd\n"
                + "    fields: {User: user.name, SourceIp: [source.ip, client]}\n"
                + "    prefixes: [x.]\n", FILE);
        final MappingEntry e = m.entries().get(0);
        assertThat(e.name()).isEqualTo("sshd");
        assertThat(e.logSource()).isEqualTo(new LogSource("linux", "sshd", null));
        assertThat(e.apps()).containsExactly("sshd", "sshd-session");
        assertThat(e.extractor().name()).isEqualTo("sshd");
        assertThat(e.fields()).isEqualTo(Map.of("User", List.of("user.name"), "SourceIp", List.of("source.ip", "client")));
        assertThat(e.prefixes()).containsExactly("x.");
        assertThat(e.format()).isNull();
    }

    @Test
    void shouldImplyFieldsOnlyForCoveredRuleLogSources() {
        final FieldMapping m = FieldMapping.parse("conditions:\n"
                + "  - {logsource: {product: windows, category: file_event}, fields: {EventID: [11]}}\n", FILE);
        assertThat(m.impliedFields(new LogSource("windows", null, "file_event")))
                .isEqualTo(Map.of("EventID", List.of("11")));
        assertThat(m.impliedFields(new LogSource("windows", null, "process_creation"))).isEmpty();
        assertThat(m.impliedFields(new LogSource("linux", null, "file_event"))).isEmpty();
        assertThat(m.conditionFields()).containsExactly("EventID");
    }

    @Test
    void shouldShipEveryMappingFileValid() {
        final FieldMapping m = FieldMapping.defaults();
        assertThat(m.entries()).extracting(MappingEntry::name).contains("windows-eventlog", "linux-sshd",
                "linux-sudo", "linux-cron", "linux-auth", "linux-kernel", "aws-cloudtrail", "zeek-http", "webserver",
                "ecs");
        assertThat(m.impliedFields(new LogSource("windows", null, "process_creation")).get("EventID")).contains("1");
    }

    @Test
    void shouldRejectMalformedMappingsNamingFileAndYamlPath() {
        assertThatThrownBy(() -> FieldMapping.parse("mappings:\n  - fields: [a]\n", FILE))
                .hasMessageContaining("test-mapping.yml: mappings[0].fields: found a list");
        assertThatThrownBy(() -> FieldMapping.parse("conditions: [x]\n", FILE))
                .hasMessageContaining("conditions[0]");
        assertThatThrownBy(() -> FieldMapping.parse("mappings:\n  - {logsource: {product: linux}, extract: nope}\n",
                FILE)).hasMessageContaining("mappings[0].extract: found \"nope\" (expected: one of [sshd");
        assertThatThrownBy(() -> FieldMapping.parse("mappings:\n  - {extract: sshd}\n", FILE))
                .hasMessageContaining("mappings[0].logsource: missing");
        assertThatThrownBy(() -> FieldMapping.parse("mappings:\n  - {logsource: {product: x}, format: xml}\n", FILE))
                .hasMessageContaining("mappings[0].format: found \"xml\" (expected: json or syslog)");
        assertThatThrownBy(() -> FieldMapping.parse("mappings:\n  - {logsource: {product: x, vendor: y}}\n", FILE))
                .hasMessageContaining("mappings[0].logsource.vendor: unknown key");
        assertThatThrownBy(() -> FieldMapping.parse("prefixes: [a.]\n", FILE))
                .hasMessageContaining("prefixes: unknown key");
    }

    @Test
    void shouldPutConfiguredFilesAheadOfShippedOnesAndReportEveryError(@TempDir Path dir) throws IOException {
        final Path good = dir.resolve("good.yml");
        Files.writeString(good, "mappings:\n  - {name: mine, logsource: {product: linux}, fields: {User: [who]}}\n");
        final List<ConfigError> errors = new ArrayList<>();
        final FieldMapping m = FieldMapping.load(List.of(good), errors);
        assertThat(errors).isEmpty();
        assertThat(m.entries().get(0).name()).isEqualTo("mine");
        assertThat(m.entries()).hasSize(1 + FieldMapping.defaults().entries().size());

        final Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "mappings:\n  - {fields: 3}\n  - {apps: {}}\n");
        assertThat(FieldMapping.load(List.of(good, bad, dir.resolve("missing.yml")), errors)).isNull();
        assertThat(errors).extracting(ConfigError::toString).containsExactly(
                bad + ": mappings[0].fields: found \"3\" (expected: a mapping of Sigma field name to field paths)",
                bad + ": mappings[1].apps: found a mapping (expected: a string or a list of strings)",
                dir.resolve("missing.yml") + ": cannot read file: java.nio.file.NoSuchFileException: "
                        + dir.resolve("missing.yml"));
    }
}
