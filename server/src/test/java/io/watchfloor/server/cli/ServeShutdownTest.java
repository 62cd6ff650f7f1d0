package io.watchfloor.server.cli;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.journal.EventJournal;
import io.watchfloor.core.journal.JournalConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code watchfloor serve} as a real process, flooded over TCP by four connections through a small ring, then
 * stopped with SIGTERM: the shutdown hook closes the listeners, drains the ring and closes the journal, and every
 * frame the server had read is in the journal, per connection an unbroken prefix of what was sent.
 */
class ServeShutdownTest {
    private static final int CONNECTIONS = 4;
    private static final long MIN_RECEIVED_BEFORE_STOP = 50_000;
    private static final Pattern READY = Pattern.compile("Watchfloor ready\\..* syslogTcp=(\\d+) .* api=(\\d+)");
    private static final Pattern STOPPED = Pattern.compile(
            "Watchfloor stopped\\..* syslog_tcp\\.received=(\\d+) syslog_tcp\\.journaled=(\\d+)");
    private static final Pattern NUMBERED = Pattern.compile("conn=(\\d) seq=(\\d{10})( end)?$");

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process server;

    @AfterEach
    void killServer() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void shouldJournalEveryFrameAlreadyReceivedWhenStoppedWithSigterm() throws Exception {
        final Path out = tmp.resolve("serve.out");
        server = serve(out);
        await().atMost(Duration.ofSeconds(60)).until(() -> !server.isAlive() || READY.matcher(read(out)).find());
        final Matcher ready = READY.matcher(read(out));
        assertThat(ready.find()).as(read(out)).isTrue();
        final int tcpPort = Integer.parseInt(ready.group(1));
        final int apiPort = Integer.parseInt(ready.group(2));

        final AtomicBoolean stop = new AtomicBoolean();
        final List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            final int conn = c;
            final Thread t = new Thread(() -> flood(tcpPort, conn, stop), "flood-" + c);
            t.start();
            senders.add(t);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> received(apiPort) >= MIN_RECEIVED_BEFORE_STOP);
        server.destroy(); // SIGTERM
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as(read(out)).isTrue();
        stop.set(true);
        for (Thread t : senders) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }

        final Matcher stopped = STOPPED.matcher(read(out));
        assertThat(stopped.find()).as(read(out)).isTrue();
        final long received = Long.parseLong(stopped.group(1));
        assertThat(received).isGreaterThanOrEqualTo(MIN_RECEIVED_BEFORE_STOP);
        assertThat(Long.parseLong(stopped.group(2))).as("journaled = received").isEqualTo(received);
        assertThat(read(out)).doesNotContain("frames are lost").doesNotContain("Journal append failed");

        final Map<Integer, List<String>> perConnection = journaledPerConnection();
        long journaled = 0;
        long fragments = perConnection.getOrDefault(-1, List.of()).size();
        for (Map.Entry<Integer, List<String>> e : perConnection.entrySet()) {
            final List<String> lines = e.getValue();
            journaled += lines.size();
            if (e.getKey() < 0) {
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                final Matcher m = NUMBERED.matcher(lines.get(i));
                final boolean fragment = !lines.get(i).endsWith(" end");
                if (fragment) {
                    // the server read part of a line when it closed the connection: only ever the last one
                    assertThat(i).as("fragment of connection %s", e.getKey()).isEqualTo(lines.size() - 1);
                    fragments++;
                    continue;
                }
                assertThat(m.find()).isTrue();
                assertThat(Long.parseLong(m.group(2))).as("connection %s, line %s", e.getKey(), i).isEqualTo(i);
            }
        }
        assertThat(journaled).isEqualTo(received);
        assertThat(fragments).isLessThanOrEqualTo(CONNECTIONS);
    }

    private Process serve(Path out) throws IOException {
        Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(tmp.resolve("inventory.yaml"), "sources: []\n");
        final Path config = tmp.resolve("watchfloor.yaml");
        Files.writeString(config, """
                listeners:
                  syslog: {bind_address: 127.0.0.1, tcp_port: 0, udp_port: -1}
                  http: {bind_address: 127.0.0.1, port: -1}
                api: {bind_address: 127.0.0.1, port: 0}
                ring: {slots: 1024}
                coverage: {inventory: inventory.yaml}
                detection: {rules: rules, reload: {watch: false, sighup: false}}
                """);
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the surefire argLine: Chronicle's --add-exports/--add-opens and the quiet properties
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
                "--config", config.toString(), "--data-dir", tmp.resolve("data").toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    /** Sends numbered lines, 1000 per write, until the server closes the connection or the test says stop. */
    private static void flood(int port, int conn, AtomicBoolean stop) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            final OutputStream os = s.getOutputStream();
            final StringBuilder b = new StringBuilder(100_000);
            for (long seq = 0; !stop.get(); ) {
                b.setLength(0);
                for (int i = 0; i < 1000; i++, seq++) {
                    b.append("<13>1 2026-12-04T00:00:00Z host app - - - conn=").append(conn)
                            .append(String.format(" seq=%010d end\n", seq));
                }
                os.write(b.toString().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException closedByServer) {
            // expected: the server stopped
        }
    }

    private long received(int apiPort) {
        try {
            final String stats = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort
                    + "/api/stats")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            final Matcher m = Pattern.compile("\"syslog_tcp\":\\{\"received\":(\\d+)").matcher(stats);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        } catch (IOException | InterruptedException e) {
            return 0;
        }
    }

    /** @return the journaled lines by connection; fragments too short to name theirs go under -1 */
    private Map<Integer, List<String>> journaledPerConnection() {
        final Map<Integer, List<String>> perConnection = new HashMap<>();
        final Pattern conn = Pattern.compile("conn=(\\d) ");
        try (EventJournal j = EventJournal.openReadOnly(new JournalConfig(tmp.resolve("data").resolve("journal"), 30))) {
            assertThat(j.tornRecords()).isZero();
            j.replayFrom(0, new Event(), e -> {
                assertThat(e.listener()).isEqualTo(Listener.SYSLOG_TCP);
                final String raw = new String(e.raw(), 0, e.rawLength(), StandardCharsets.UTF_8);
                final Matcher m = conn.matcher(raw);
                perConnection.computeIfAbsent(m.find() ? Integer.parseInt(m.group(1)) : -1, k -> new ArrayList<>())
                        .add(raw);
            });
        }
        return perConnection;
    }

    private static String read(Path out) throws IOException {
        return Files.exists(out) ? Files.readString(out) : "";
    }
}
