package io.watchfloor.server.wiring;

import io.watchfloor.core.config.ConfigError;
import io.watchfloor.detect.rule.RuleRejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code detection.placeholders}: the values {@code expand} rules are compiled with by validate, serve and reload. */
class ValidationPlaceholdersTest {
    private static final String EXPAND_RULE = "title: Admin logon\nid: expand-1\nlogsource: {product: linux}\n"
            + "detection:\n  s:\n    User|expand: '%Admins%'\n  condition: s\n";

    @TempDir
    Path tmp;

    private Path config(String detectionExtra) throws IOException {
        Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(tmp.resolve("rules/admin.yml"), EXPAND_RULE);
        Files.writeString(tmp.resolve("inventory.yaml"), "sources: []\n");
        final Path file = tmp.resolve("watchfloor.yaml");
        Files.writeString(file, "detection:\n  rules: rules\n" + detectionExtra);
        return file;
    }

    @Test
    void shouldCompileExpandRulesWithTheConfiguredPlaceholders() throws IOException {
        Files.writeString(tmp.resolve("values.yaml"), "Admins: [root, 'ops-admin']\n");
        final Validation v = Validation.run(config("  placeholders: values.yaml\n"));
        assertThat(v.errors()).isEmpty();
        assertThat(v.ruleRejections()).isEmpty();
        assertThat(v.rules().rules()).extracting(r -> r.id()).containsExactly("expand-1");
    }

    @Test
    void shouldRejectExpandRulesWithoutPlaceholders() throws IOException {
        final Validation v = Validation.run(config(""));
        assertThat(v.errors()).isEmpty();
        assertThat(v.ruleRejections()).extracting(RuleRejection::ruleId).containsExactly("expand-1");
        assertThat(v.ok()).isFalse();
    }

    @Test
    void shouldNameTheYamlPathOfABadPlaceholderValue() throws IOException {
        Files.writeString(tmp.resolve("values.yaml"), "Admins: [root, {nested: map}]\nOther: {a: b}\n");
        final Validation v = Validation.run(config("  placeholders: values.yaml\n"));
        assertThat(v.errors()).extracting(ConfigError::yamlPath).containsExactly("Admins[1]", "Other");
        assertThat(v.errors()).extracting(ConfigError::file).containsOnly(tmp.resolve("values.yaml"));
        assertThat(v.errors().get(0).message()).contains("expected: a string or number");
        assertThat(v.ok()).isFalse();
    }
}
