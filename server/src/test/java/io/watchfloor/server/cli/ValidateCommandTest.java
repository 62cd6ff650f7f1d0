package io.watchfloor.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void shouldAcceptTheShippedDefaultConfiguration() {
        final CliRun run = CliRun.of("", "validate", "--config", Path.of("..", "config", "watchfloor.yaml").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("valid:").contains("source(s)").contains("rule(s)");
    }

    @Test
    void shouldExit78NamingFileYamlPathAndExpectationForEveryError() throws Exception {
        final Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("broken.yml"), """
                title: Broken
                id: 5a0e1c3e-0000-4000-8000-000000000001
                logsource: {product: linux}
                detection:
                  sel: {message|nosuchmodifier: x}
                  condition: sel
                """);
        Files.writeString(tmp.resolve("inventory.yaml"), """
                sources:
                  - id: Bad_Id
                    name: x
                    category: nowhere
                    match: {hosts: ["a*"]}
                    max_silence: 5x
                """);
        final Path config = tmp.resolve("watchfloor.yaml");
        Files.writeString(config, """
                listeners:
                  syslog: {tcp_port: 70000, max_frame_bytes: 0}
                ring: {slots: 1000}
                colour: blue
                """);
        final CliRun run = CliRun.of("", "validate", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(run.err())
                .contains(config + ": listeners.syslog.tcp_port: found 70000 (expected: an integer in -1..65535)")
                .contains(config + ": listeners.syslog.max_frame_bytes: found 0")
                .contains(config + ": ring.slots: found 1000 (expected: a power of two)")
                .contains(config + ": colour: unknown key");

        Files.writeString(config, "ring: {slots: 1024}\n");
        final CliRun second = CliRun.of("", "validate", "--config", config.toString());
        assertThat(second.exitCode()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(second.err())
                .contains(tmp.resolve("inventory.yaml") + ": sources[0].id")
                .contains("sources[0].category")
                .contains("sources[0].max_silence")
                .contains("broken.yml")
                .contains("nosuchmodifier");
    }

    @Test
    void shouldNameTheYamlPathOfVolumeRequiredAndDegradedErrors() throws Exception {
        Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(tmp.resolve("inventory.yaml"), """
                sources:
                  - id: dc
                    name: Domain controllers
                    category: identity
                    match: {hosts: ["dc*"]}
                    max_silence: 5m
                    volume: {window: 7m, consecutive: 3}
                    required: [{field: event.code, values: learned}]
                    degraded: {max_parse_failure_rate: 2}
                    sequence_field: "not a field"
                """);
        final Path config = tmp.resolve("watchfloor.yaml");
        Files.writeString(config, "ring: {slots: 1024}\n");
        final CliRun run = CliRun.of("", "validate", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(run.err())
                .contains(tmp.resolve("inventory.yaml") + ": sources[0].volume.window: found \"7m\"")
                .contains("sources[0].required[0].values: found \"learned\" (expected: a non-empty list of values, "
                        + "or learn)")
                .contains("sources[0].degraded.max_parse_failure_rate: found integer 2")
                .contains("sources[0].sequence_field: found \"not a field\"");
    }

    @Test
    void shouldRejectBindAddressesThatAreNotIpLiteralsAndReportEveryMissingPath() throws Exception {
        final Path config = tmp.resolve("watchfloor.yaml");
        Files.writeString(config, """
                listeners:
                  syslog: {bind_address: 999.1.1.1}
                api: {bind_address: not-an-ip.invalid}
                coverage: {inventory: nope.yaml}
                detection: {rules: norules}
                """);
        final CliRun run = CliRun.of("", "validate", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(run.err())
                .contains(config + ": listeners.syslog.bind_address: found \"999.1.1.1\" (expected: an IP address")
                .contains(config + ": api.bind_address: found \"not-an-ip.invalid\"")
                .contains(config + ": coverage.inventory: ")
                .contains(config + ": detection.rules: ");
    }

    @Test
    void shouldRefuseToServeWithARejectedRuleLikeValidate() throws Exception {
        final Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("bad_regex.yml"), """
                title: Bad regex
                id: 5a0e1c3e-0000-4000-8000-000000000002
                logsource: {product: linux}
                detection:
                  sel: {message|re: "(a"}
                  condition: sel
                """);
        Files.writeString(tmp.resolve("inventory.yaml"), """
                sources:
                  - id: a
                    name: A
                    category: network
                    match: {hosts: ["a*"]}
                    max_silence: 5m
                """);
        final Path config = tmp.resolve("watchfloor.yaml");
        Files.writeString(config, "api: {port: 0}\n");
        final CliRun validate = CliRun.of("", "validate", "--config", config.toString());
        final CliRun serve = CliRun.of("", "serve", "--config", config.toString(), "--data-dir",
                tmp.resolve("data").toString());
        assertThat(validate.exitCode()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(serve.exitCode()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void shouldNameAMissingConfigurationFile() {
        final CliRun run = CliRun.of("", "validate", "--config", tmp.resolve("nope.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(run.err()).contains("nope.yaml: no such file");
    }
}
