package io.watchfloor.server.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.core.config.ConfigError;
import io.watchfloor.core.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Field mapping on the live stream: the real server on free ports, fed by util-linux {@code logger} and an HTTP
 * client. An sshd syslog line fires a rule written with Sigma's linux field names (User, SourceIp, AuthMethod),
 * which the event only carries inside its message; a configured mapping file ({@code detection.mappings}) adds a
 * name; a CloudTrail record posted for a source declaring {@code aws/cloudtrail} fires a rule on
 * {@code requestParameters}. Near misses raise nothing.
 */
class FieldMappingEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOGGER = Path.of("/usr/bin/logger");

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T10:00:00Z").toEpochMilli());
    private Watchfloor server;
    private Path configFile;

    @BeforeEach
    void setUp() throws IOException {
        if (!Files.isExecutable(LOGGER)) {
            if (System.getenv("CI") != null) {
                fail("util-linux logger is required in CI (.ci/run installs bsdutils)");
            }
            assumeTrue(false, "util-linux logger not installed");
        }
        final Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("ssh_password_guessing.yml"), """
                title: SSH Password Guessing from a Watched Network
                id: 0f6d3a47-5b1e-4c2a-9a51-2d0c8d1e4a01
                level: medium
                logsource: {product: linux, service: sshd}
                detection:
                    selection:
                        User: admin
                        SourceIp|cidr: 203.0.113.0/24
                        AuthMethod: password
                    condition: selection
                """);
        Files.writeString(rules.resolve("site_account.yml"), """
                title: Login Attempt on the Break-Glass Account
                id: 5a1c9e0b-3d2f-4e6a-8b7c-9d0e1f2a3b4c
                level: high
                logsource: {product: linux, service: sshd}
                detection:
                    selection:
                        BreakGlassAccount: emergency
                    condition: selection
                """);
        Files.writeString(rules.resolve("s3_versioning.yml"), """
                title: S3 Bucket Versioning Suspended
                id: 6f7a8b9c-5d6e-4f0a-9b1c-2d3e4f5a6b07
                level: medium
                logsource: {product: aws, service: cloudtrail}
                detection:
                    selection:
                        eventName: PutBucketVersioning
                        requestParameters|contains: Suspended
                    condition: selection
                """);
        Files.writeString(tmp.resolve("site-mapping.yml"), """
                mappings:
                  - name: site-sshd
                    logsource: {product: linux, service: sshd}
                    fields: {BreakGlassAccount: [user.name]}
                """);
        Files.writeString(tmp.resolve("inventory.yaml"), """
                sources:
                  - id: bastion-ssh
                    name: SSH on the bastion
                    category: identity
                    match: {apps: ["sshd"]}
                    logsource: {product: linux, service: sshd}
                    max_silence: 5m
                  - id: cloud-audit
                    name: CloudTrail forwarder
                    category: cloud
                    match: {hosts: ["cloudtrail-forwarder"]}
                    logsource: {product: aws, service: cloudtrail}
                    max_silence: 5m
                """);
        configFile = tmp.resolve("watchfloor.yaml");
        Files.writeString(configFile, """
                listeners:
                  syslog: {bind_address: 127.0.0.1, tcp_port: 0, udp_port: 0}
                  http: {bind_address: 127.0.0.1, port: 0}
                api: {bind_address: 127.0.0.1, port: 0}
                ring: {slots: 1024}
                coverage: {inventory: inventory.yaml, tick_interval_ms: 3600000}
                detection:
                  rules: rules
                  mappings: [site-mapping.yml]
                  reload: {watch: false, sighup: false}
                """);
        final Validation v = Validation.run(configFile);
        assertThat(v.errors()).isEmpty();
        assertThat(v.ruleRejections()).isEmpty();
        server = new Watchfloor(v, tmp.resolve("data"), clock);
        server.start();
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldFireSigmaFieldRulesOnSyslogAndJsonThroughTheMapping() throws Exception {
        logger("--tcp", "--octet-count", "--rfc5424", "-t", "sshd", "-p", "auth.warning",
                "Failed password for invalid user admin from 203.0.113.9 port 50422 ssh2");
        // near misses: another network; another method
        logger("--tcp", "--octet-count", "--rfc5424", "-t", "sshd", "-p", "auth.warning",
                "Failed password for invalid user admin from 198.51.100.9 port 50423 ssh2");
        logger("--udp", "--rfc3164", "-t", "sshd", "-p", "auth.info",
                "Accepted publickey for admin from 203.0.113.9 port 50424 ssh2: ED25519 SHA256:x");
        logger("--udp", "--rfc3164", "-t", "sshd", "-p", "auth.info",
                "Failed password for emergency from 203.0.113.10 port 50425 ssh2");
        final String record = "{\"host\":\"cloudtrail-forwarder\",\"eventSource\":\"s3.amazonaws.com\","
                + "\"eventName\":\"PutBucketVersioning\",\"sourceIPAddress\":\"203.0.113.9\",\"requestParameters\":"
                + "{\"bucketName\":\"example-backups\",\"VersioningConfiguration\":{\"Status\":\"%s\"}}}";
        final HttpResponse<String> ingest = post("/ingest", record.formatted("Suspended") + "\n"
                + record.formatted("Enabled") + "\n");
        assertThat(ingest.statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/api/stats").get("journal").get("events").asLong()).isEqualTo(6));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(detectionAlerts())
                .extracting(a -> a.get("rule.name").asText())
                .containsExactlyInAnyOrder("SSH Password Guessing from a Watched Network",
                        "Login Attempt on the Break-Glass Account", "S3 Bucket Versioning Suspended"));
        final JsonNode guessing = detectionAlerts().stream()
                .filter(a -> a.get("rule.id").asText().startsWith("0f6d3a47")).findFirst().orElseThrow();
        // "why did this fire": the values the Sigma fields read out of the message
        assertThat(guessing.get("detection.fields").get("User").asText()).isEqualTo("admin");
        assertThat(guessing.get("detection.fields").get("SourceIp").asText()).isEqualTo("203.0.113.9");
        assertThat(guessing.get("detection.fields").get("AuthMethod").asText()).isEqualTo("password");
        assertThat(guessing.get("watchfloor.source_id").asText()).isEqualTo("bastion-ssh");
    }

    @Test
    void shouldRefuseAnInvalidMappingFileNamingItsPath() throws IOException {
        server.close();
        server = null;
        Files.writeString(tmp.resolve("site-mapping.yml"), "mappings:\n  - {logsource: {product: linux}, extract: x}\n");
        final Validation v = Validation.run(configFile);
        assertThat(v.ok()).isFalse();
        assertThat(v.mapping()).isNull();
        assertThat(v.errors()).extracting(ConfigError::toString).containsExactly(tmp.resolve("site-mapping.yml")
                + ": mappings[0].extract: found \"x\" (expected: one of [sshd, sudo, cron, su, pam, auth, netfilter, "
                + "access_log])");
    }

    private List<JsonNode> detectionAlerts() throws Exception {
        final List<JsonNode> out = new ArrayList<>();
        get("/api/alerts").get("alerts").forEach(a -> {
            if (!a.get("rule.id").asText().startsWith("coverage.")) {
                out.add(a);
            }
        });
        return out;
    }

    private void logger(String... args) throws Exception {
        final List<String> cmd = new ArrayList<>(List.of(LOGGER.toString(), "--server", "127.0.0.1", "--port"));
        final boolean udp = List.of(args).contains("--udp");
        cmd.add(Integer.toString(udp ? server.syslogUdpPort() : server.syslogTcpPort()));
        cmd.addAll(List.of(args));
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        final HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.apiPort() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
