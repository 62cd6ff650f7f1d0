package io.watchfloor.server.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.core.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Watchfloor with its own rules directory: reload through the API, the directory watch, refusal of a set
 * with a rejected rule, and the live explanations, suppression and statistics the new rules produce.
 */
class RuleReloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");
    private static final String MARKER_RULE = """
            title: Alpha marker
            id: alpha-marker
            level: low
            logsource: {product: linux}
            detection:
              k: ['alpha-marker']
              condition: k
            """;
    private static final String ENCODED_RULE = """
            title: Encoded PowerShell
            id: ps-encoded
            level: high
            logsource: {product: windows}
            detection:
              sel:
                CommandLine|contains: ' -enc '
              condition: sel
            """;

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ManualClock clock = new ManualClock(START.toEpochMilli());
    private Watchfloor server;
    private Path rules;

    private void start(String detectionExtra) throws IOException {
        rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("alpha.yml"), MARKER_RULE);
        Files.writeString(tmp.resolve("inventory.yaml"), """
                sources:
                  - id: reload-web
                    name: Web application
                    category: application
                    match: {apps: ["web-app"]}
                    max_silence: 5m
                """);
        final Path configFile = tmp.resolve("watchfloor.yaml");
        Files.writeString(configFile, """
                listeners:
                  syslog: {bind_address: 127.0.0.1, tcp_port: -1, udp_port: -1}
                  http: {bind_address: 127.0.0.1, port: 0}
                api: {bind_address: 127.0.0.1, port: 0}
                ring: {slots: 1024}
                coverage: {inventory: inventory.yaml, tick_interval_ms: 3600000}
                detection:
                  rules: rules
                %s
                """.formatted(detectionExtra));
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
    void shouldRunANewRuleAfterReloadThroughTheApi() throws Exception {
        start("  reload: {watch: false, sighup: false}");
        Files.writeString(rules.resolve("encoded.yml"), ENCODED_RULE);

        final HttpResponse<String> reload = api("POST", "/api/rules/reload");
        assertThat(reload.statusCode()).isEqualTo(200);
        final JsonNode answer = JSON.readTree(reload.body());
        assertThat(answer.get("status").asText()).isEqualTo("ok");
        assertThat(answer.get("trigger").asText()).isEqualTo("api");
        assertThat(answer.get("rules").asInt()).isEqualTo(2);

        ingest("{\"CommandLine\":\"powershell.exe -nop -enc SQBFAFgA\",\"host\":\"ws-1.example.com\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> ruleIds(get("/api/alerts")).contains("ps-encoded"));
        final JsonNode alert = get("/api/alerts").get("alerts").get(0);
        assertThat(alert.get("detection.matched").get(0).asText()).isEqualTo("sel");
        assertThat(alert.get("detection.fields").get("CommandLine").asText())
                .isEqualTo("powershell.exe -nop -enc SQBFAFgA");

        final JsonNode list = get("/api/rules");
        assertThat(list.get("loaded").asInt()).isEqualTo(2);
        final JsonNode encoded = rule(list, "ps-encoded");
        assertThat(encoded.get("hits").asLong()).isEqualTo(1);
        assertThat(encoded.get("title").asText()).isEqualTo("Encoded PowerShell");
        assertThat(encoded.get("level").asText()).isEqualTo("high");
        assertThat(encoded.get("file").asText()).endsWith("encoded.yml");
        assertThat(encoded.get("eval_samples").asLong()).as("the first event after a swap is timed").isEqualTo(1);
        assertThat(list.get("rejected")).isEmpty();
        assertThat(list.get("last_reload").get("status").asText()).isEqualTo("ok");
        final String metrics = api("GET", "/metrics").body();
        assertThat(metrics).contains("watchfloor_detect_rules_reloads_total{result=\"ok\"} 1.0")
                .contains("watchfloor_detect_rules_reloads_total{result=\"failed\"} 0.0")
                .contains("watchfloor_detect_evaluations_total 1.0")
                .contains("watchfloor_detect_alerts_suppressed_total 0.0")
                .contains("watchfloor_detect_evaluation_sampled_time_seconds_total");
    }

    @Test
    void shouldKeepTheRunningSetWhenTheNewOneHasARejectedRule() throws Exception {
        start("  reload: {watch: false, sighup: false}");
        Files.writeString(rules.resolve("encoded.yml"), ENCODED_RULE);
        Files.writeString(rules.resolve("broken.yml"), ENCODED_RULE.replace("ps-encoded", "broken")
                .replace("CommandLine|contains", "CommandLine|sometimes"));

        final HttpResponse<String> reload = api("POST", "/api/rules/reload");
        assertThat(reload.statusCode()).isEqualTo(409);
        final JsonNode answer = JSON.readTree(reload.body());
        assertThat(answer.get("status").asText()).isEqualTo("failed");
        assertThat(answer.get("reason").asText()).contains("1 rule(s) rejected");
        final JsonNode rejected = answer.get("rejected").get(0);
        assertThat(rejected.get("file").asText()).endsWith("broken.yml");
        assertThat(rejected.get("rule_id").asText()).isEqualTo("broken");
        assertThat(rejected.get("code").asText()).isEqualTo("modifier_unknown");

        ingest("{\"message\":\"alpha-marker seen\",\"host\":\"ws-1.example.com\"}");
        ingest("{\"CommandLine\":\"powershell.exe -enc AAAA\",\"host\":\"ws-1.example.com\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> ruleIds(get("/api/alerts")).contains("alpha-marker"));
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/rules").get("evaluated").asLong() == 2);
        assertThat(ruleIds(get("/api/alerts"))).as("the new set did not load").containsExactly("alpha-marker");
        final JsonNode list = get("/api/rules");
        assertThat(list.get("loaded").asInt()).isEqualTo(1);
        assertThat(list.get("rejected").get(0).get("reason").asText()).contains("sometimes");
        assertThat(api("GET", "/metrics").body())
                .contains("watchfloor_detect_rules_reloads_total{result=\"failed\"} 1.0");
    }

    @Test
    void shouldReloadWhenARuleFileAppearsInTheWatchedDirectory() throws Exception {
        start("  reload: {watch: true, debounce_ms: 50, sighup: false}");
        Files.writeString(rules.resolve("encoded.yml"), ENCODED_RULE);
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/rules").get("loaded").asInt() == 2);
        assertThat(get("/api/rules").get("last_reload").get("trigger").asText()).isEqualTo("watch");
    }

    @Test
    void shouldSuppressRepeatedAlertsOfOneGroupWithTheConfiguredDefault() throws Exception {
        start("""
                  suppression: {window_secs: 60, group_by: [host]}
                  reload: {watch: false, sighup: false}
                """);
        ingest("{\"message\":\"alpha-marker 1\",\"host\":\"a.example.com\",\"@timestamp\":\"2026-12-03T10:00:00Z\"}\n"
                + "{\"message\":\"alpha-marker 2\",\"host\":\"a.example.com\",\"@timestamp\":\"2026-12-03T10:00:30Z\"}\n"
                + "{\"message\":\"alpha-marker 3\",\"host\":\"b.example.com\",\"@timestamp\":\"2026-12-03T10:00:40Z\"}\n"
                + "{\"message\":\"alpha-marker 4\",\"host\":\"a.example.com\",\"@timestamp\":\"2026-12-03T10:01:00Z\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/rules").get("evaluated").asLong() == 4);
        assertThat(get("/api/alerts").get("count").asInt()).isEqualTo(3);
        final JsonNode marker = rule(get("/api/rules"), "alpha-marker");
        assertThat(marker.get("hits").asLong()).isEqualTo(4);
        assertThat(marker.get("suppressed").asLong()).isEqualTo(1);
        assertThat(api("GET", "/metrics").body()).contains("watchfloor_detect_alerts_suppressed_total 1.0");
    }

    @Test
    void shouldEvaluateEveryEventOnceWhileReloadingUnderLoad() throws Exception {
        start("  reload: {watch: false, sighup: false}");
        final int batches = 20;
        final int perBatch = 50;
        final java.util.concurrent.CompletableFuture<Void> sender = java.util.concurrent.CompletableFuture.runAsync(() -> {
            for (int b = 0; b < batches; b++) {
                final StringBuilder body = new StringBuilder();
                for (int i = 0; i < perBatch; i++) {
                    body.append("{\"message\":\"alpha-marker ").append(b * perBatch + i)
                            .append("\",\"host\":\"a.example.com\"}\n");
                }
                try {
                    ingest(body.toString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        for (int r = 0; r < 6; r++) {
            if (r % 2 == 0) {
                Files.writeString(rules.resolve("encoded.yml"), ENCODED_RULE);
            } else {
                Files.delete(rules.resolve("encoded.yml"));
            }
            final HttpResponse<String> reload = api("POST", "/api/rules/reload");
            assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        }
        sender.get(30, java.util.concurrent.TimeUnit.SECONDS);
        final long total = (long) batches * perBatch;
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/rules").get("evaluated").asLong() == total);
        assertThat(rule(get("/api/rules"), "alpha-marker").get("hits").asLong()).as("hits carried over every swap")
                .isEqualTo(total);
        assertThat(get("/api/stats").get("alerts").get("total").asLong()).isEqualTo(total);
        assertThat(api("GET", "/metrics").body()).contains("watchfloor_detect_rules_reloads_total{result=\"ok\"} 6.0");
    }

    @Test
    void shouldRouteByMethodAndPath() throws Exception {
        start("  reload: {watch: false, sighup: false}");
        final HttpResponse<String> getReload = api("GET", "/api/rules/reload");
        assertThat(getReload.statusCode()).isEqualTo(405);
        assertThat(getReload.headers().firstValue("allow")).hasValue("POST");
        final HttpResponse<String> postRules = api("POST", "/api/rules");
        assertThat(postRules.statusCode()).isEqualTo(405);
        assertThat(postRules.headers().firstValue("allow")).hasValue("GET, HEAD");
        assertThat(api("POST", "/api/nothing").statusCode()).isEqualTo(404);
        assertThat(api("GET", "/api/rules").statusCode()).isEqualTo(200);
    }

    private static JsonNode rule(JsonNode list, String id) {
        for (JsonNode r : list.get("rules")) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no rule " + id + " in " + list);
    }

    private static List<String> ruleIds(JsonNode alerts) {
        final List<String> out = new ArrayList<>();
        alerts.get("alerts").forEach(a -> out.add(a.get("rule.id").asText()));
        return out;
    }

    private void ingest(String ndjson) throws Exception {
        final HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpPort() + "/ingest"))
                .POST(HttpRequest.BodyPublishers.ofString(ndjson)).header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isBetween(200, 299);
    }

    private HttpResponse<String> api(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.apiPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(api("GET", path).body());
    }
}
