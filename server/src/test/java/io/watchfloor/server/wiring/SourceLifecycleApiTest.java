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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lifecycle API on a real server on free ports, fed over HTTP ingest: a source added, reporting, retired,
 * sending again (RETIRED_SOURCE_ACTIVE, once), and a restart on the same data directory.
 */
class SourceLifecycleApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");
    private static final String ACTOR = "X-Watchfloor-Actor";
    private static final String RETIRED_ACTIVE = "coverage.retired_source_active";
    private static final String CRM = """
            {"id": "crm", "name": "CRM over HTTP", "category": "application", "owner": "app-team",
             "match": {"hosts": ["crm-01"]}, "max_silence": "5m", "tags": ["http"]}""";

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ManualClock clock = new ManualClock(START.toEpochMilli());
    private Watchfloor server;
    private Path configFile;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(tmp.resolve("inventory.yaml"), """
                sources:
                  - id: web
                    name: Web application
                    category: application
                    match: {hosts: ["web-01"]}
                    max_silence: 5m
                """);
        Files.createDirectories(tmp.resolve("rules"));
        configFile = tmp.resolve("watchfloor.yaml");
        Files.writeString(configFile, """
                listeners:
                  syslog: {bind_address: 127.0.0.1, tcp_port: -1, udp_port: -1}
                  http: {bind_address: 127.0.0.1, port: 0}
                api: {bind_address: 127.0.0.1, port: 0}
                ring: {slots: 1024}
                coverage: {inventory: inventory.yaml, tick_interval_ms: 3600000}
                detection: {rules: rules}
                """);
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
    void shouldAddRetireAndRaiseRetiredSourceActiveOnceAcrossARestart() throws Exception {
        final HttpResponse<String> added = send("POST", "/api/sources", CRM, "alice@example.com");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        final JsonNode addedBody = JSON.readTree(added.body());
        assertThat(addedBody.get("state").asText()).isEqualTo("never_seen");
        assertThat(addedBody.get("change").get("action").asText()).isEqualTo("add");
        assertThat(addedBody.get("change").get("before").isNull()).isTrue();
        final JsonNode fresh = get("/api/sources/crm");
        assertThat(fresh.get("coverage").get("since").asText()).isEqualTo(START.toString());
        assertThat(fresh.get("source").get("tags").get(0).asText()).isEqualTo("http");

        // the parse stage attributes to the added source
        clock.advance(1_000);
        ingest("{\"message\":\"login ok\",\"host\":\"crm-01\"}");
        awaitSource("crm", "reporting");
        assertThat(sourceJson(get("/api/coverage"), "crm").get("events").asInt()).isEqualTo(1);
        assertThat(get("/api/coverage").get("categories").get("application").get("in_scope").asInt()).isEqualTo(2);

        clock.advance(1_000);
        final HttpResponse<String> retired = send("DELETE", "/api/sources/crm",
                "{\"reason\": \"CHG-42 moved to SaaS\"}", "bob@example.com");
        assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);
        assertThat(JSON.readTree(retired.body()).get("state").asText()).isEqualTo("retired");
        assertThat(JSON.readTree(retired.body()).get("source").get("retired").get("date").asText())
                .isEqualTo("2026-12-03");
        assertThat(get("/api/coverage").get("categories").get("application").get("in_scope").asInt()).isEqualTo(1);

        // it sends again: RETIRED_SOURCE_ACTIVE, once, however much it sends
        clock.advance(1_000);
        ingest("{\"message\":\"still here\",\"host\":\"crm-01\"}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(ruleIds()).filteredOn(RETIRED_ACTIVE::equals).hasSize(1));
        clock.advance(1_000);
        ingest("{\"message\":\"and again\",\"host\":\"crm-01\"}");
        awaitEvents("crm", 3);
        assertThat(ruleIds()).filteredOn(RETIRED_ACTIVE::equals).hasSize(1);
        final JsonNode alert = alerts(RETIRED_ACTIVE).get(0);
        assertThat(alert.get("message").asText()).contains("crm", "CHG-42 moved to SaaS");
        assertThat(alert.get("watchfloor.source_id").asText()).isEqualTo("crm");

        // restart on the same data directory: YAML inventory + journaled changes, no alert raised again
        server.close();
        server = start();
        clock.advance(1_000);
        server.tick();
        awaitSource("crm", "retired");
        final JsonNode crm = get("/api/sources/crm");
        assertThat(crm.get("source").get("lifecycle").asText()).isEqualTo("retired");
        assertThat(crm.get("source").get("retired").get("reason").asText()).isEqualTo("CHG-42 moved to SaaS");
        assertThat(crm.get("coverage").get("events").asInt()).isEqualTo(3);
        final List<String> actions = new ArrayList<>();
        crm.get("changes").forEach(c -> actions.add(c.get("action").asText() + " by " + c.get("actor").asText()));
        assertThat(actions).containsExactly("add by alice@example.com", "retire by bob@example.com");
        assertThat(crm.get("changes").get(1).get("before").get("lifecycle").asText()).isEqualTo("active");
        assertThat(crm.get("changes").get(1).get("after").get("lifecycle").asText()).isEqualTo("retired");
        assertThat(sourceJson(get("/api/coverage"), "crm").get("findings").get(0).get("kind").asText())
                .isEqualTo("retired_source_active");
        clock.advance(1_000);
        server.tick();
        awaitSource("crm", "retired");
        assertThat(ruleIds()).filteredOn(RETIRED_ACTIVE::equals).hasSize(1);
        assertThat(send("POST", "/api/sources", CRM, "alice@example.com").statusCode()).as("the id is taken")
                .isEqualTo(409);
        // the added source is attributed after the restart too
        clock.advance(1_000);
        ingest("{\"message\":\"after restart\",\"host\":\"crm-01\"}");
        awaitEvents("crm", 4);
    }

    @Test
    void shouldValidateEveryChangeAndNameTheField() throws Exception {
        final HttpResponse<String> noActor = send("POST", "/api/sources", CRM, null);
        assertThat(noActor.statusCode()).isEqualTo(400);
        assertThat(noActor.body()).contains("X-Watchfloor-Actor");

        final HttpResponse<String> invalid = send("POST", "/api/sources", """
                {"id": "crm", "name": "CRM", "category": "crm", "match": {"peers": ["10.0.0.0/40"]},
                 "max_silence": "5 minutes"}""", "alice");
        assertThat(invalid.statusCode()).isEqualTo(400);
        final List<String> paths = new ArrayList<>();
        JSON.readTree(invalid.body()).get("errors").forEach(e -> paths.add(e.get("path").asText()));
        assertThat(paths).containsExactly("category", "match.peers[0]", "max_silence");
        assertThat(send("POST", "/api/sources", "not json", "alice").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/sources", CRM.replace("\"crm\"", "\"web\""), "alice").statusCode())
                .as("an existing id").isEqualTo(409);

        final HttpResponse<String> wrongId = send("PUT", "/api/sources/web", CRM, "alice");
        assertThat(wrongId.statusCode()).isEqualTo(400);
        assertThat(wrongId.body()).contains("\"path\":\"id\"");
        assertThat(send("PUT", "/api/sources/nope", CRM, "alice").statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/sources/nope", "{\"reason\":\"x\"}", "alice").statusCode()).isEqualTo(404);
        final HttpResponse<String> noReason = send("DELETE", "/api/sources/web", "{}", "alice");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("\"path\":\"reason\"");
        assertThat(send("GET", "/api/sources/nope", null, null).statusCode()).isEqualTo(404);
        assertThat(send("PATCH", "/api/sources/web", "{}", "alice").statusCode()).isEqualTo(405);

        // a change without an id in the body takes the path's, and keeps the source's history
        clock.advance(1_000);
        ingest("{\"message\":\"hello\",\"host\":\"web-01\"}");
        awaitEvents("web", 1);
        final HttpResponse<String> changed = send("PUT", "/api/sources/web", """
                {"name": "Web application (EU)", "category": "application", "match": {"hosts": ["web-*"]},
                 "max_silence": "1h", "criticality": "critical"}""", "carol");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        final JsonNode web = get("/api/sources/web");
        assertThat(web.get("source").get("max_silence").asText()).isEqualTo("1h");
        assertThat(web.get("coverage").get("events").asInt()).isEqualTo(1);
        assertThat(web.get("changes").get(0).get("before").get("max_silence").asText()).isEqualTo("5m");
        assertThat(send("PUT", "/api/sources/web", """
                {"name": "Web application (EU)", "category": "application", "match": {"hosts": ["web-*"]},
                 "max_silence": "1h", "criticality": "critical"}""", "carol").body()).contains("\"unchanged\":true");
        // the new match rule attributes web-02 to it
        ingest("{\"message\":\"hello\",\"host\":\"web-02\"}");
        awaitEvents("web", 2);
        assertThat(send("DELETE", "/api/sources/web", "{\"reason\":\"gone\",\"date\":\"2026-12-01\"}", "carol")
                .statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/sources/web", "{\"reason\":\"gone\"}", "carol").statusCode())
                .as("already retired").isEqualTo(409);
        final JsonNode list = get("/api/sources?lifecycle=retired");
        assertThat(list.get("count").asInt()).isEqualTo(1);
        assertThat(list.get("sources").get(0).get("retired").get("date").asText()).isEqualTo("2026-12-01");
    }

    private void awaitSource(String id, String state) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            server.tick();
            assertThat(sourceJson(get("/api/coverage"), id).get("state").asText()).isEqualTo(state);
        });
    }

    private void awaitEvents(String id, int events) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            server.tick();
            assertThat(sourceJson(get("/api/coverage"), id).get("events").asInt()).isEqualTo(events);
        });
    }

    private void ingest(String ndjson) throws Exception {
        final HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.httpPort() + "/ingest")).POST(HttpRequest.BodyPublishers.ofString(ndjson + "\n"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path, String body, String actor) throws Exception {
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.apiPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(15));
        if (actor != null) {
            b.header(ACTOR, actor);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        final HttpResponse<String> r = send("GET", path, null, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode sourceJson(JsonNode coverage, String id) {
        for (JsonNode s : coverage.get("sources")) {
            if (s.get("id").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no source " + id + " in " + coverage);
    }

    private List<String> ruleIds() throws Exception {
        final List<String> out = new ArrayList<>();
        get("/api/alerts").get("alerts").forEach(a -> out.add(a.get("rule.id").asText()));
        return out;
    }

    private List<JsonNode> alerts(String ruleId) throws Exception {
        final List<JsonNode> out = new ArrayList<>();
        get("/api/alerts").get("alerts").forEach(a -> {
            if (a.get("rule.id").asText().equals(ruleId)) {
                out.add(a);
            }
        });
        return out;
    }
}
