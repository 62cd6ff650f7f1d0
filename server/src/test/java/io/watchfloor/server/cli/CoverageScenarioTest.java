package io.watchfloor.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.journal.JournalConfig;
import io.watchfloor.core.journal.TextJournal;
import io.watchfloor.core.time.ManualClock;
import io.watchfloor.coverage.tracker.Gap;
import io.watchfloor.detect.alert.Alert;
import io.watchfloor.detect.sink.AlertLog;
import io.watchfloor.server.config.ConfigLoader;
import io.watchfloor.server.wiring.Validation;
import io.watchfloor.server.wiring.Watchfloor;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The coverage scenarios of {@code src/test/resources/scenarios} (see its README), each run through
 * {@code coverage replay}, through a real server fed over real sockets under a manual clock, and through
 * {@code replay} of the journal that server wrote: all three must give the expected ledger and coverage maps.
 */
class CoverageScenarioTest {
    /** The scenarios issue 3 names; more may be added. */
    private static final List<String> REQUIRED = List.of("weekday-source-over-weekend", "nightly-batch-skipped",
            "clock-offset-5h", "backfilling-source", "exception-expires", "maintenance-overrun", "restart-mid-gap");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicNode> scenarios() throws IOException, URISyntaxException {
        final Path root = Path.of(CoverageScenarioTest.class.getResource("/scenarios").toURI());
        final List<Path> dirs = new ArrayList<>();
        try (Stream<Path> list = Files.list(root)) {
            list.filter(Files::isDirectory).sorted().forEach(dirs::add);
        }
        assertThat(dirs.stream().map(d -> d.getFileName().toString())).containsAll(REQUIRED);
        final List<DynamicNode> nodes = new ArrayList<>();
        for (Path dir : dirs) {
            final Scenario s = Scenario.load(dir);
            nodes.add(DynamicContainer.dynamicContainer(s.name(), List.of(
                    DynamicTest.dynamicTest("coverage replay of events.jsonl", () -> replayFile(s)),
                    DynamicTest.dynamicTest("live server, then replay of its journal", () -> live(s)))));
        }
        return nodes.stream();
    }

    private void replayFile(Scenario s) {
        final List<String> args = new ArrayList<>(List.of("coverage", "replay", "--inventory",
                s.dir().resolve("inventory.yaml").toString(), "--events", s.dir().resolve("events.jsonl").toString(),
                "--tick", s.tick()));
        final CliRun run = CliRun.of("", withAts(args, s));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertOutput(s, run.out(), "coverage replay");
    }

    private void live(Scenario s) throws Exception {
        final Path dir = Files.createDirectories(tmp.resolve(s.name()));
        Files.createDirectories(dir.resolve("rules"));
        final Path config = dir.resolve("watchfloor.yaml");
        // the timer ticks once an hour of real time: the test drives every tick on the scenario's grid
        Files.writeString(config, """
                listeners:
                  syslog: {bind_address: 127.0.0.1, tcp_port: 0, udp_port: 0}
                  http: {bind_address: 127.0.0.1, port: 0}
                api: {bind_address: 127.0.0.1, port: 0}
                ring: {slots: 1024}
                coverage: {inventory: "%s", tick_interval_ms: 3600000}
                detection: {rules: rules, reload: {watch: false, sighup: false}}
                """.formatted(s.dir().resolve("inventory.yaml").toString().replace("\\", "/")));
        final Path dataDir = dir.resolve("data");
        try (LiveRun live = new LiveRun(s, config, dataDir)) {
            live.run();
        }
        final List<JsonNode> ledger = new ArrayList<>();
        try (TextJournal coverage = new TextJournal(new JournalConfig(dataDir.resolve("journal"),
                JournalConfig.RETENTION_DAYS_DEFAULT), "coverage")) {
            coverage.readAll(json -> {
                if (Gap.isJournalRecord(json)) {
                    ledger.add(parse(ReplayOutput.ledgerLine(Gap.fromJournalJson(json))));
                }
            });
        }
        assertThat(ledger).as("live ledger (coverage journal)").containsExactlyElementsOf(s.ledger());
        final List<String> alertIds = new ArrayList<>();
        for (String line : Files.readAllLines(dataDir.resolve(AlertLog.JSONL_FILE))) {
            alertIds.add(parse(line).path("rule.id").asText());
        }
        assertThat(alertIds).as("one alert per opening and per closing, across restarts")
                .containsExactlyElementsOf(s.ledger().stream()
                        .map(g -> g.get("closed_at").isNull() ? Alert.GAP_OPENED : Alert.GAP_CLOSED).toList());

        final List<String> args = new ArrayList<>(List.of("replay", "--data-dir", dataDir.toString(), "--config",
                config.toString(), "--tick", s.tick()));
        final CliRun run = CliRun.of("", withAts(args, s));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertOutput(s, run.out(), "replay of the live journal");
    }

    private static String[] withAts(List<String> args, Scenario s) {
        for (long at : s.mapTimes()) {
            args.add("--at");
            args.add(iso(at));
        }
        return args.toArray(new String[0]);
    }

    /** Ledger lines in order, and one map per requested time, each taken at that time and holding its subset. */
    private static void assertOutput(Scenario s, String out, String how) {
        final List<JsonNode> ledger = new ArrayList<>();
        final List<JsonNode> maps = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            final JsonNode n = parse(line);
            (n.has("gap_id") ? ledger : maps).add(n);
        }
        assertThat(ledger).as(how + " ledger").containsExactlyElementsOf(s.ledger());
        final List<Long> times = new ArrayList<>(s.mapTimes());
        assertThat(maps).as(how + " maps, one per --at").hasSize(times.size());
        for (int i = 0; i < times.size(); i++) {
            assertMap(s, times.get(i), maps.get(i), how);
        }
    }

    private static void assertMap(Scenario s, long atMs, JsonNode map, String how) {
        assertThat(map.path("generated_at").asText()).as(how + " map time").isEqualTo(iso(atMs));
        final JsonNode expected = s.coverage().get(atMs);
        if (expected != null) {
            final List<String> problems = new ArrayList<>();
            subset(expected, map, "", problems);
            assertThat(problems).as(how + " map at " + iso(atMs) + ": " + map).isEmpty();
        }
    }

    /** Objects match key by key; an array when each expected element matches some actual one ([] only []). */
    private static void subset(JsonNode expected, JsonNode actual, String path, List<String> problems) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                problems.add(path + ": expected an object, found " + actual);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                final Map.Entry<String, JsonNode> e = it.next();
                if (!actual.has(e.getKey())) {
                    problems.add(path + "." + e.getKey() + ": missing");
                } else {
                    subset(e.getValue(), actual.get(e.getKey()), path + "." + e.getKey(), problems);
                }
            }
        } else if (expected.isArray()) {
            if (!actual.isArray() || (expected.isEmpty() && !actual.isEmpty())) {
                problems.add(path + ": expected " + expected + ", found " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                boolean found = false;
                for (JsonNode candidate : actual) {
                    final List<String> none = new ArrayList<>();
                    subset(expected.get(i), candidate, path, none);
                    found |= none.isEmpty();
                }
                if (!found) {
                    problems.add(path + "[" + i + "]: no element matches " + expected.get(i));
                }
            }
        } else if (!expected.equals(actual) && !(expected.isNumber() && actual.isNumber()
                && expected.decimalValue().compareTo(actual.decimalValue()) == 0)) {
            problems.add(path + ": expected " + expected + ", found " + actual);
        }
    }

    /** A real server under a manual clock, fed the scenario's lines over real sockets on the replay's tick grid. */
    private static final class LiveRun implements AutoCloseable {
        private final Scenario s;
        private final Path config;
        private final Path dataDir;
        private final ManualClock clock;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
        private final long[] sent = new long[Listener.values().length];
        private Watchfloor server;
        private Socket tcp;
        private OutputStream tcpOut;
        private DatagramSocket udp;
        private long nextTickMs;

        LiveRun(Scenario s, Path config, Path dataDir) {
            this.s = s;
            this.config = config;
            this.dataDir = dataDir;
            this.clock = new ManualClock(s.startMs());
        }

        void run() throws Exception {
            start();
            nextTickMs = s.startMs() + s.tickMs();
            final TreeMap<Long, Long> restarts = new TreeMap<>(s.restarts());
            final TreeSet<Long> checks = new TreeSet<>(s.mapTimes());
            final ReplayLineParser parser = new ReplayLineParser(ConfigLoader.MAX_FRAME_BYTES_DEFAULT);
            final Event slot = new Event();
            int lineNumber = 0;
            for (String line : s.lines()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                assertThat(parser.parse(line, slot)).as("events.jsonl line %d", lineNumber).isNull();
                final long t = slot.receivedAtMs();
                assertThat(checks.contains(t)).as("a map time is also the time of line %d (the live snapshot "
                        + "of that tick would not show it)", lineNumber).isFalse();
                milestonesBefore(t, restarts, checks);
                advanceTo(t);
                send(slot, lineNumber);
            }
            milestonesBefore(Long.MAX_VALUE, restarts, checks);
            advanceTo(s.untilMs());
        }

        /** Restarts and map checks due before {@code t}, in time order. */
        private void milestonesBefore(long t, TreeMap<Long, Long> restarts, TreeSet<Long> checks) throws Exception {
            while (true) {
                final Long stop = restarts.isEmpty() || restarts.firstKey() >= t ? null : restarts.firstKey();
                final Long check = checks.isEmpty() || checks.first() >= t ? null : checks.first();
                if (stop == null && check == null) {
                    return;
                }
                if (check == null || (stop != null && stop < check)) {
                    restart(stop, restarts.remove(stop));
                } else {
                    checks.remove(check);
                    advanceTo(check);
                    checkMap(check);
                }
            }
        }

        private void restart(long stopMs, long startMs) {
            advanceTo(stopMs);
            closeServer();
            clock.set(startMs);
            start();
            // the server was down: the ticks of the downtime never happened; its start ticked at startMs
            while (nextTickMs <= startMs) {
                nextTickMs += s.tickMs();
            }
        }

        private void advanceTo(long t) {
            while (nextTickMs <= t) {
                clock.set(nextTickMs);
                if (!server.tick()) {
                    await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(server::tick);
                }
                nextTickMs += s.tickMs();
            }
        }

        private void send(Event e, int lineNumber) throws Exception {
            clock.set(e.receivedAtMs());
            if (e.peer() != null) {
                assertThat(e.peer()).as("line %d: the live run sends from 127.0.0.1", lineNumber)
                        .isEqualTo(LOOPBACK);
            }
            final byte[] raw = Arrays.copyOf(e.raw(), e.rawLength());
            final Listener l = e.listener();
            switch (l) {
                case SYSLOG_TCP:
                    assertThat(new String(raw, StandardCharsets.UTF_8)).as("line %d", lineNumber).doesNotContain("\n");
                    if (tcp == null) {
                        tcp = new Socket(LOOPBACK, server.syslogTcpPort());
                        tcpOut = tcp.getOutputStream();
                    }
                    tcpOut.write(raw);
                    tcpOut.write('\n');
                    tcpOut.flush();
                    break;
                case SYSLOG_UDP:
                    if (udp == null) {
                        udp = new DatagramSocket(0, LOOPBACK);
                    }
                    udp.send(new DatagramPacket(raw, raw.length, LOOPBACK, server.syslogUdpPort()));
                    break;
                default:
                    final HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                    + server.httpPort() + "/ingest")).timeout(WAIT)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as("line %d: %s", lineNumber, r.body()).isEqualTo(200);
                    break;
            }
            // journaled means published into the ring, ahead of every later tick
            final long n = ++sent[l.ordinal()];
            if (server.counters().journaled(l) < n) {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(1))
                        .until(() -> server.counters().journaled(l) >= n);
            }
            assertThat(server.counters().journaled(l)).as("line %d journaled once", lineNumber).isEqualTo(n);
        }

        private void checkMap(long atMs) throws Exception {
            final URI uri = URI.create("http://127.0.0.1:" + server.apiPort() + "/api/coverage");
            final JsonNode[] map = new JsonNode[1];
            await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> {
                map[0] = parse(http.send(HttpRequest.newBuilder(uri).timeout(WAIT).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                return map[0].path("generated_at").asText().equals(iso(atMs));
            });
            assertMap(s, atMs, map[0], "live /api/coverage");
        }

        private void start() {
            final Validation v = Validation.run(config);
            assertThat(v.errors()).isEmpty();
            server = new Watchfloor(v, dataDir, clock);
            server.start();
            Arrays.fill(sent, 0);
        }

        private void closeServer() {
            closeSockets();
            if (server != null) {
                server.close();
                server = null;
            }
        }

        private void closeSockets() {
            try {
                if (tcp != null) {
                    tcp.close();
                }
            } catch (IOException ignored) {
                // closing a client socket of a test; nothing to do
            }
            tcp = null;
            tcpOut = null;
            if (udp != null) {
                udp.close();
                udp = null;
            }
        }

        @Override
        public void close() {
            closeServer();
        }
    }

    /**
     * One scenario directory.
     *
     * @param mapTimes when a map is printed and checked: every time of expected-coverage.json, and {@code until}
     * @param restarts stop time to start time, epoch ms (live run only)
     */
    private record Scenario(String name, Path dir, String tick, long tickMs, long startMs, long untilMs,
                            List<String> lines, List<JsonNode> ledger, TreeMap<Long, JsonNode> coverage,
                            TreeSet<Long> mapTimes, TreeMap<Long, Long> restarts) {
        static Scenario load(Path dir) throws IOException {
            final String name = dir.getFileName().toString();
            final Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(dir.resolve("scenario.yaml")));
            final String tick = String.valueOf(yaml.get("tick"));
            final TimelineOptions options = new TimelineOptions();
            options.tick = tick;
            final long tickMs = options.tickMs(-1);
            final long untilMs = instant(yaml.get("until"), name + " until");
            final List<String> lines = Files.readAllLines(dir.resolve("events.jsonl"));
            final long startMs = JSON.readTree(lines.get(0)).path("received_at").isTextual()
                    ? instant(JSON.readTree(lines.get(0)).get("received_at").asText(), name + " first line") : -1;
            final List<JsonNode> ledger = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("expected-ledger.jsonl"))) {
                if (!line.isBlank()) {
                    ledger.add(parse(line));
                }
            }
            final TreeMap<Long, JsonNode> coverage = new TreeMap<>();
            final Path coverageFile = dir.resolve("expected-coverage.json");
            if (Files.exists(coverageFile)) {
                for (Iterator<Map.Entry<String, JsonNode>> it = JSON.readTree(coverageFile.toFile()).fields();
                     it.hasNext(); ) {
                    final Map.Entry<String, JsonNode> e = it.next();
                    coverage.put(instant(e.getKey(), name + " expected-coverage.json key"), e.getValue());
                }
            }
            final TreeSet<Long> mapTimes = new TreeSet<>(coverage.keySet());
            mapTimes.add(untilMs);
            for (long at : mapTimes) {
                assertThat(Math.floorMod(at - startMs, tickMs)).as("%s: map time %s is on the tick grid", name, iso(at))
                        .isZero();
            }
            final TreeMap<Long, Long> restarts = new TreeMap<>();
            if (yaml.get("restarts") instanceof List<?> list) {
                for (Object o : list) {
                    final Map<?, ?> r = (Map<?, ?>) o;
                    restarts.put(instant(r.get("stop_at"), name + " stop_at"), instant(r.get("start_at"),
                            name + " start_at"));
                }
            }
            return new Scenario(name, dir, tick, tickMs, startMs, untilMs, lines, ledger, coverage, mapTimes,
                    restarts);
        }
    }

    private static long instant(Object text, String what) {
        final long ms = text == null ? Long.MIN_VALUE : ReplayLineParser.instantMs(text.toString());
        if (ms == Long.MIN_VALUE) {
            fail(what + ": " + text + " (expected: ISO-8601)");
        }
        return ms;
    }

    private static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
