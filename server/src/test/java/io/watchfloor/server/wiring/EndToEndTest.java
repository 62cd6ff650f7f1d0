package io.watchfloor.server.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The real server on free ports, fed by util-linux {@code logger} over real sockets and by an HTTP client:
 * exact journaled counts, the expected alerts, and coverage states under the test clock.
 */
class EndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOGGER = Path.of("/usr/bin/logger");
    private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ManualClock clock = new ManualClock(START.toEpochMilli());
    private Watchfloor server;
    private Path configFile;

    @BeforeEach
    void setUp() throws IOException {
        final boolean ci = System.getenv("CI") != null;
        if (!Files.isExecutable(LOGGER)) {
            if (ci) {
                fail("util-linux logger is required in CI (.ci/run installs bsdutils)");
            }
            assumeTrue(false, "util-linux logger not installed");
        }
        final Path rules = Path.of("..", "config", "rules").toAbsolutePath().normalize();
        Files.writeString(tmp.resolve("inventory.yaml"), """
                sources:
                  - id: e2e-ssh
                    name: SSH on the test hosts
                    category: identity
                    match: {apps: ["sshd"]}
                    logsource: {product: linux, service: sshd}
                    max_silence: 5m
                  - id: e2e-web
                    name: Web application
                    category: application
                    match: {apps: ["web-app"]}
                    max_silence: 5m
                  - id: e2e-crm
                    name: CRM over HTTP
                    category: application
                    match: {hosts: ["crm-01"]}
                    max_silence: 5m
                  - id: e2e-never
                    name: A firewall that never sends
                    category: network
                    match: {hosts: ["never-fw-*"]}
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
                detection: {rules: "%s"}
                """.formatted(rules.toString().replace("\\", "/")));
        server = start();
    }

    private Watchfloor start() {
        final Validation v = Validation.run(configFile);
        assertThat(v.errors()).isEmpty();
        assertThat(v.ruleRejections()).isEmpty();
        final Watchfloor w = new Watchfloor(v, tmp.resolve("data"), clock);
        w.start();
        return w;
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldJournalAlertAndTrackCoverageEndToEnd() throws Exception {
        // RFC 5424 over TCP with octet counting
        logger("--tcp", "--octet-count", "--rfc5424", "-t", "sshd", "-p", "auth.warning",
                "Failed password for invalid user admin from 203.0.113.9 port 50422 ssh2");
        // RFC 3164 over UDP
        logger("--udp", "--rfc3164", "-t", "web-app", "GET /health 200");
        // plain LF-framed lines over TCP (logger's default TCP framing)
        logger("--tcp", "--rfc3164", "-t", "sshd", "Accepted publickey for alice from 198.51.100.4 port 40022 ssh2");
        // HTTP NDJSON: two good lines and a malformed one
        final HttpResponse<String> ingest = post("/ingest", """
                {"message":"user login ok","host":"crm-01"}
                not json at all
                {"message":"hello from an unknown app","host":"stray-host-9"}
                """);
        assertThat(ingest.statusCode()).isEqualTo(200);
        final JsonNode report = JSON.readTree(ingest.body());
        assertThat(report.get("accepted").asInt()).isEqualTo(2);
        assertThat(report.get("rejected").asInt()).isEqualTo(1);
        assertThat(report.get("errors").get(0).get("line").asInt()).isEqualTo(2);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            final JsonNode stats = get("/api/stats").get("listeners");
            assertThat(stats.get("syslog_tcp").get("journaled").asLong()).isEqualTo(2);
            assertThat(stats.get("syslog_udp").get("journaled").asLong()).isEqualTo(1);
            assertThat(stats.get("http").get("journaled").asLong()).isEqualTo(2);
        });
        final JsonNode stats = get("/api/stats");
        assertThat(stats.get("journal").get("events").asLong()).isEqualTo(5);
        for (String l : List.of("syslog_tcp", "syslog_udp", "http")) {
            final JsonNode c = stats.get("listeners").get(l);
            assertThat(c.get("received").asLong())
                    .as("received = journaled + rejected + dropped for %s", l)
                    .isEqualTo(c.get("journaled").asLong() + c.get("rejected").asLong() + c.get("dropped").asLong());
        }
        assertThat(stats.get("listeners").get("http").get("rejected").asLong()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(ruleNames(get("/api/alerts"))).contains("SSH Authentication Failure"));

        clock.advance(1_000);
        server.tick();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            final JsonNode cov = get("/api/coverage");
            assertThat(state(cov, "e2e-ssh")).isEqualTo("reporting");
            assertThat(state(cov, "e2e-web")).isEqualTo("reporting");
            assertThat(state(cov, "e2e-crm")).isEqualTo("reporting");
            assertThat(state(cov, "e2e-never")).isEqualTo("never_seen");
            assertThat(cov.get("unmanaged").toString()).contains("stray-host-9");
            assertThat(cov.get("categories").get("application").get("reporting").asInt()).isEqualTo(2);
        });

        // six minutes of silence under the test clock: every reporting source opens a gap
        clock.advance(6 * 60_000);
        server.tick();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(state(get("/api/coverage"), "e2e-web")).isEqualTo("silent");
            assertThat(ruleIds(get("/api/alerts"))).filteredOn("coverage.gap.opened"::equals).hasSize(3);
        });
        // the web app reports again: its gap closes, exactly once
        logger("--udp", "--rfc3164", "-t", "web-app", "GET /health 200");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(ruleIds(get("/api/alerts"))).filteredOn("coverage.gap.closed"::equals).hasSize(1));
        // the API reads the snapshot the coverage stage publishes on each TICK
        clock.advance(1_000);
        server.tick();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(state(get("/api/coverage"), "e2e-web")).isEqualTo("reporting");
            final JsonNode gaps = get("/api/gaps?source=e2e-web&state=closed").get("gaps");
            assertThat(gaps).hasSize(1);
            assertThat(gaps.get(0).get("type").asText()).isEqualTo("silent");
            assertThat(gaps.get(0).get("duration_s").asLong()).isEqualTo(61);
        });

        assertThat(text("/metrics"))
                .contains("watchfloor_ingest_journaled_total{listener=\"syslog_tcp\"} 2.0")
                .contains("watchfloor_ingest_rejected_total{listener=\"http\"} 1.0")
                .contains("watchfloor_coverage_sources{state=\"never_seen\"} 1.0")
                .contains("watchfloor_coverage_sources{state=\"silent\"} 2.0")
                .contains("watchfloor_alerts_total{level=\"critical\"} 0.0")
                .contains("watchfloor_ingest_connections_refused_total{listener=\"syslog_tcp\"} 0.0")
                .contains("watchfloor_ring_remaining_capacity");

        // restart on the same journal: counts survive, open gaps are neither forgotten nor alerted again
        server.close();
        server = start();
        clock.advance(1_000);
        server.tick();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(get("/api/stats").get("journal").get("events").asLong()).isEqualTo(6);
            final JsonNode cov = get("/api/coverage");
            assertThat(state(cov, "e2e-ssh")).isEqualTo("silent");
            assertThat(state(cov, "e2e-web")).isEqualTo("reporting");
        });
        assertThat(ruleIds(get("/api/alerts"))).filteredOn("coverage.gap.opened"::equals).hasSize(3);
        assertThat(ruleIds(get("/api/alerts"))).filteredOn("coverage.gap.closed"::equals).hasSize(1);
        assertThat(get("/readyz").get("status").asText()).isEqualTo("ready");
        assertThat(get("/api/gaps?state=open").get("gaps")).hasSize(2);
        final JsonNode period = get("/api/coverage/report?from=2026-12-03T10:00:00Z&to=2026-12-03T10:10:00Z");
        assertThat(period.get("sources").toString()).contains("e2e-web");
        assertThat(period.get("overall").get("gaps").asInt()).isEqualTo(3);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.apiPort()
                + "/api/coverage/report?from=2026-12-03T10:00:00Z")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(400);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.apiPort()
                + "/api/gaps?type=bogus")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
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

    private static String state(JsonNode coverage, String id) {
        for (JsonNode s : coverage.get("sources")) {
            if (s.get("id").asText().equals(id)) {
                return s.get("state").asText();
            }
        }
        throw new AssertionError("no source " + id + " in " + coverage);
    }

    private static List<String> ruleNames(JsonNode alerts) {
        final List<String> out = new ArrayList<>();
        alerts.get("alerts").forEach(a -> out.add(a.get("rule.name").asText()));
        return out;
    }

    private static List<String> ruleIds(JsonNode alerts) {
        final List<String> out = new ArrayList<>();
        alerts.get("alerts").forEach(a -> out.add(a.get("rule.id").asText()));
        return out;
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String text(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.apiPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(text(path));
    }
}
