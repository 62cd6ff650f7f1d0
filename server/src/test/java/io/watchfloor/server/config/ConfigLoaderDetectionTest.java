package io.watchfloor.server.config;

import io.watchfloor.core.config.ConfigError;
import io.watchfloor.detect.DetectionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code detection:} keys beyond {@code rules}: suppression default, cost sampling, explanations, reload. */
class ConfigLoaderDetectionTest {
    @TempDir
    Path tmp;

    private ConfigLoader.Result load(String detection) throws IOException {
        Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(tmp.resolve("inventory.yaml"), "sources: []\n");
        final Path file = tmp.resolve("watchfloor.yaml");
        Files.writeString(file, "detection:\n  rules: rules\n" + detection);
        return ConfigLoader.load(file);
    }

    @Test
    void shouldDefaultEveryDetectionKey() throws IOException {
        final ConfigLoader.Result r = load("");
        assertThat(r.errors()).isEmpty();
        assertThat(r.config().detection()).isEqualTo(WatchfloorConfig.Detection.DEFAULT);
        assertThat(r.config().detection().engine()).isEqualTo(DetectionConfig.DEFAULT);
    }

    @Test
    void shouldReadEveryDetectionKey() throws IOException {
        final ConfigLoader.Result r = load("""
                  suppression: {window_secs: 300, group_by: [host.name, user.name]}
                  max_suppression_groups: 50
                  cost_sample_interval: 16
                  max_matched_fields: 4
                  max_matched_value_chars: 80
                  reload: {watch: false, debounce_ms: 100, sighup: false}
                """);
        assertThat(r.errors()).isEmpty();
        final WatchfloorConfig.Detection d = r.config().detection();
        assertThat(d.engine().suppression().windowMs()).isEqualTo(300_000);
        assertThat(d.engine().suppression().groupBy()).containsExactly("host.name", "user.name");
        assertThat(d.engine().maxSuppressionGroups()).isEqualTo(50);
        assertThat(d.engine().costSampleInterval()).isEqualTo(16);
        assertThat(d.engine().maxMatchedFields()).isEqualTo(4);
        assertThat(d.engine().maxMatchedValueChars()).isEqualTo(80);
        assertThat(d.watchRules()).isFalse();
        assertThat(d.reloadDebounceMs()).isEqualTo(100);
        assertThat(d.reloadOnSighup()).isFalse();
    }

    @Test
    void shouldNameEachBadDetectionKeyWithItsPath() throws IOException {
        final ConfigLoader.Result r = load("""
                  suppression: {window_secs: -1, group_by: [1]}
                  cost_sample_interval: 0
                  reload: {watch: maybe, every: 5}
                """);
        final List<String> paths = r.errors().stream().map(ConfigError::yamlPath).toList();
        assertThat(paths).contains("detection.suppression.window_secs", "detection.suppression.group_by",
                "detection.cost_sample_interval", "detection.reload.watch", "detection.reload.every");
    }

    @Test
    void shouldResolveMappingFilesAgainstTheConfigDirectoryAndNameMissingOnes() throws IOException {
        Files.writeString(tmp.resolve("site-mapping.yml"), "mappings: []\n");
        final ConfigLoader.Result ok = load("  mappings: [site-mapping.yml]\n");
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.config().detection().mappings()).containsExactly(tmp.resolve("site-mapping.yml"));

        final ConfigLoader.Result missing = load("  mappings: [site-mapping.yml, nope.yml]\n");
        assertThat(missing.errors()).extracting(ConfigError::yamlPath).containsExactly("detection.mappings[1]");
        assertThat(missing.errors().get(0).message()).contains("nope.yml").contains("expected: a field mapping");
        assertThat(load("  mappings: {a: b}\n").errors()).extracting(ConfigError::yamlPath)
                .containsExactly("detection.mappings");
    }

    @Test
    void shouldResolveThePlaceholderFileAgainstTheConfigDirectoryAndNameAMissingOne() throws IOException {
        assertThat(load("").config().detection().placeholders()).isNull();
        Files.writeString(tmp.resolve("values.yaml"), "Admins: [a]\n");
        final ConfigLoader.Result ok = load("  placeholders: values.yaml\n");
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.config().detection().placeholders()).isEqualTo(tmp.resolve("values.yaml"));

        final ConfigLoader.Result missing = load("  placeholders: nope.yaml\n");
        assertThat(missing.errors()).extracting(ConfigError::yamlPath).containsExactly("detection.placeholders");
        assertThat(missing.errors().get(0).message()).contains("nope.yaml").contains("expected: a YAML map");
    }
}
