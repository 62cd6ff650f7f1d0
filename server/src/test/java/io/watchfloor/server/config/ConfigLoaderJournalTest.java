package io.watchfloor.server.config;

import io.watchfloor.core.config.ConfigError;
import io.watchfloor.core.journal.JournalDurability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code journal:} keys: retention and durability. */
class ConfigLoaderJournalTest {
    @TempDir
    Path tmp;

    private ConfigLoader.Result load(String journal) throws IOException {
        Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(tmp.resolve("inventory.yaml"), "sources: []\n");
        final Path file = tmp.resolve("watchfloor.yaml");
        Files.writeString(file, "detection:\n  rules: rules\n" + journal);
        return ConfigLoader.load(file);
    }

    @Test
    void shouldDefaultToProcessDurability() throws IOException {
        final ConfigLoader.Result r = load("");
        assertThat(r.errors()).isEmpty();
        assertThat(r.config().journalDurability()).isEqualTo(JournalDurability.PROCESS);
        assertThat(r.config().retentionDays()).isEqualTo(ConfigLoader.RETENTION_DAYS_DEFAULT);
    }

    @Test
    void shouldReadBothDurabilityModes() throws IOException {
        assertThat(load("journal: {durability: fsync, retention_days: 3}\n").config().journalDurability())
                .isEqualTo(JournalDurability.FSYNC);
        assertThat(load("journal:\n  durability: process\n").config().journalDurability())
                .isEqualTo(JournalDurability.PROCESS);
        // the free-ports copy keeps it
        assertThat(load("journal: {durability: fsync}\n").config().withFreePorts().journalDurability())
                .isEqualTo(JournalDurability.FSYNC);
    }

    @Test
    void shouldNameTheYamlPathAndTheChoicesForAnUnknownMode() throws IOException {
        final ConfigLoader.Result r = load("journal: {durability: always}\n");
        assertThat(r.ok()).isFalse();
        final ConfigError e = r.errors().get(0);
        assertThat(e.yamlPath()).isEqualTo("journal.durability");
        assertThat(e.toString()).endsWith("journal.durability: found \"always\" (expected: process or fsync)");
    }

    @Test
    void shouldRejectANonStringModeAndAnUnknownJournalKey() throws IOException {
        final ConfigLoader.Result r = load("journal: {durability: 1, sync: true}\n");
        assertThat(r.errors()).extracting(ConfigError::yamlPath)
                .containsExactlyInAnyOrder("journal.durability", "journal.sync");
    }
}
