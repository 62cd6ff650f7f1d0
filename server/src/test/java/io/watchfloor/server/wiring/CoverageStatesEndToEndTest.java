package io.watchfloor.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.core.time.ManualClock;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server under the test clock, fed syslog datagrams over loopback: a {@code degraded} gap from parse
 * failures with its detail in {@code /api/gaps?type=degraded} and the DEGRADED state in {@code /api/coverage}, and
 * a two-hour outage of Watchfloor itself that never becomes the source's gap (issue 3, items 4 and 7).
 */
class CoverageStatesEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");
    private static final long MINUTE = 60_000;

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ManualClock clock = new ManualClock(START.toEpochMilli());
    private Watchfloor server;
    private Path configFile;
    private long sent;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(tmp.resolve("inventory.yaml"), """
                sources:
                  - id: fw
                    name: Loopback firewall
                    category: network
                    match: {peers: ["127.0.0.1"]}
                    max_silence: 5m
                    degraded: {window: 1m, max_parse_failure_rate: 0.5}
                    sequence_field: meta.sequenceId
                """);
        final Path rules = Files.createDirectories(tmp.resolve("rules"));
        configFile = tmp.resolve("watchfloor.yaml");
        Files.writeString(configFile, """
                listeners:
                  syslog: {bind_address: 127.0.0.1, tcp_port: -1, udp_port: 0}
                  http: {bind_address: 127.0.0.1, port: -1}
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
    void shouldShowDegradedContentAndKeepTheMonitorsOutageOutOfTheGaps() throws Exception {
        send(good(1));
        clock.set(START.toEpochMilli() + MINUTE);
        final List<String> window = new ArrayList<>();
        for (int k = 0; k < 30; k++) {
            window.add(k < 10 ? good(2 + k + (k >= 5 ? 3 : 0)) : "garbage line " + k);
        }
        send(window.toArray(new String[0]));
        clock.set(START.toEpochMilli() + 2 * MINUTE);
        server.tick();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            final JsonNode gaps = get("/api/gaps?type=degraded&state=open").get("gaps");
            assertThat(gaps).hasSize(1);
            assertThat(gaps.get(0).get("id").asText()).isEqualTo("fw@" + (START.toEpochMilli() + MINUTE)
                    + "/degraded");
            assertThat(gaps.get(0).get("reason").asText()).isEqualTo("PARSE_FAILURES");
            assertThat(gaps.get(0).get("detail").get("parse_failure_rate").asDouble()).isEqualTo(0.667);
        });
        final JsonNode fw = get("/api/coverage").get("sources").get(0);
        assertThat(fw.get("state").asText()).isEqualTo("degraded");
        assertThat(fw.get("open_degraded_gap").asText()).endsWith("/degraded");
        assertThat(fw.get("findings").get(0).get("kind").asText()).isEqualTo("sequence_gap");
        assertThat(fw.get("findings").get(0).get("count").asLong()).isEqualTo(3);
        assertThat(get("/api/coverage").get("categories").get("network").get("degraded").asInt()).isEqualTo(1);

        clock.set(START.toEpochMilli() + 3 * MINUTE);
        final String[] clean = new String[25];
        for (int k = 0; k < clean.length; k++) {
            clean[k] = good(20 + k);
        }
        send(clean);
        final long lastSeen = clock.nowMs();
        clock.set(START.toEpochMilli() + 4 * MINUTE);
        server.tick();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/api/gaps?type=degraded&state=closed").get("gaps")).hasSize(1));

        // Watchfloor is down for two hours; the source was last seen a minute before
        server.close();
        final long restart = clock.advance(2 * 60 * MINUTE);
        server = start();
        server.tick();
        clock.set(restart + 5 * MINUTE);
        server.tick();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/api/coverage").get("generated_at").asText())
                        .isEqualTo(Instant.ofEpochMilli(restart + 5 * MINUTE).toString()));
        assertThat(get("/api/gaps?type=silent").get("gaps")).as("5 minutes after the restart, not after %s",
                Instant.ofEpochMilli(lastSeen)).isEmpty();
        assertThat(get("/api/coverage").get("sources").get(0).get("state").asText()).isEqualTo("reporting");

        clock.set(restart + 5 * MINUTE + 1_000);
        server.tick();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            final JsonNode gaps = get("/api/gaps?type=silent").get("gaps");
            assertThat(gaps).hasSize(1);
            assertThat(gaps.get(0).get("opened_at").asText())
                    .isEqualTo(Instant.ofEpochMilli(restart + 5 * MINUTE).toString());
        });
        final List<String> alerts = new ArrayList<>();
        get("/api/alerts").get("alerts").forEach(a -> alerts.add(a.get("rule.id").asText()));
        assertThat(alerts).filteredOn("coverage.gap.opened"::equals).hasSize(2);
        assertThat(alerts).filteredOn("coverage.gap.closed"::equals).hasSize(1);
        final JsonNode report = get("/api/coverage/report?from=2026-12-03T10:00:00Z&to=2026-12-03T12:10:00Z");
        assertThat(report.get("sources").get(0).get("minutes").get("monitor_down").asDouble())
                .isBetween(119.0, 121.0);
        assertThat(report.get("sources").get(0).get("minutes").get("degraded").asDouble()).isEqualTo(2.0);
    }

    /** @return an RFC 5424 line carrying sequence number {@code n} */
    private static String good(long n) {
        return "<134>1 2026-12-03T10:00:00Z fw-01 filterlog - - [meta sequenceId=\"" + n + "\"] pass";
    }

    /** Sends each line as one datagram from 127.0.0.1 and waits until all are journaled. */
    private void send(String... lines) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (String line : lines) {
                final byte[] b = line.getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(),
                        server.syslogUdpPort()));
            }
        }
        sent += lines.length;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/api/stats").get("journal").get("events").asLong()).isEqualTo(sent));
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.apiPort()
                + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
