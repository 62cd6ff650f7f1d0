package io.watchfloor.server.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.core.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal's durability mode, sync counts, torn-record count and the UDP socket's kernel drops, as the running
 * server exposes them at {@code /api/stats} and {@code /metrics}.
 */
class WatchfloorJournalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Watchfloor server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(String durability) throws Exception {
        Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(tmp.resolve("inventory.yaml"), "sources: []\n");
        final Path config = tmp.resolve("watchfloor.yaml");
        Files.writeString(config, """
                listeners:
                  syslog: {bind_address: 127.0.0.1, tcp_port: -1, udp_port: 0}
                  http: {bind_address: 127.0.0.1, port: 0}
                api: {bind_address: 127.0.0.1, port: 0}
                ring: {slots: 1024}
                journal: {durability: %s}
                coverage: {inventory: inventory.yaml, tick_interval_ms: 3600000}
                detection: {rules: rules, reload: {watch: false, sighup: false}}
                """.formatted(durability));
        final Validation v = Validation.run(config);
        assertThat(v.errors()).isEmpty();
        server = new Watchfloor(v, tmp.resolve("data"), new ManualClock(1_764_756_000_000L));
        server.start();
    }

    @Test
    void shouldAnswerHttpAfterTheGroupCommitAndCountTheSyncsWithFsyncDurability() throws Exception {
        start("fsync");
        final StringBuilder body = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            body.append("{\"message\":\"durable ").append(i).append("\"}\n");
        }
        final HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpPort() + "/ingest"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("accepted").asInt()).isEqualTo(500);

        final JsonNode journal = JSON.readTree(get("/api/stats")).get("journal");
        assertThat(journal.get("durability").asText()).isEqualTo("fsync");
        assertThat(journal.get("events").asLong()).isEqualTo(500);
        // the answer came after at least one sync covering every line; a batch never waits for the next one
        assertThat(journal.get("syncs").asLong()).isBetween(1L, 500L);
        assertThat(journal.get("sync_failures").asLong()).isZero();
        assertThat(journal.get("torn_records").asLong()).isZero();
        assertThat(get("/metrics"))
                .contains("watchfloor_journal_durability{mode=\"fsync\"} 1.0")
                .contains("watchfloor_journal_durability{mode=\"process\"} 0.0")
                .containsPattern("watchfloor_journal_syncs_total [1-9][0-9]*\\.0")
                .contains("watchfloor_journal_sync_failures_total 0.0")
                .contains("watchfloor_journal_sync_time_seconds_total")
                .contains("watchfloor_journal_torn_records_total 0.0");
    }

    @Test
    void shouldNeverSyncWithProcessDurabilityAndExposeTheUdpKernelDrops() throws Exception {
        start("process");
        final HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpPort() + "/ingest"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"one\"}\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        final JsonNode stats = JSON.readTree(get("/api/stats"));
        assertThat(stats.get("journal").get("durability").asText()).isEqualTo("process");
        assertThat(stats.get("journal").get("syncs").asLong()).isZero();
        assertThat(stats.get("listeners").get("syslog_udp").get("kernel_drops").asLong()).isZero();
        assertThat(stats.get("listeners").get("http").has("kernel_drops")).isFalse();
        assertThat(get("/metrics"))
                .contains("watchfloor_journal_durability{mode=\"process\"} 1.0")
                .contains("watchfloor_journal_syncs_total 0.0")
                .contains("watchfloor_udp_kernel_drops_total{listener=\"syslog_udp\"} 0.0");
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.apiPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
