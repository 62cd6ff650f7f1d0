package io.watchfloor.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code watchfloor serve} child process started from the runnable jar, its log in a file, its ports read from the
 * "Watchfloor ready" line; stopped with SIGTERM or killed with SIGKILL (and reaped, so the journal's write lock
 * is seen as abandoned at once). Also runs the jar's {@code journal} tool. Used from one thread.
 */
final class ServerProcess {
    /** Longest wait for the server to say it is ready, and for it to exit. */
    static final long TIMEOUT_SECS = 120;
    private static final Pattern READY = Pattern.compile(
            "Watchfloor ready\\..* syslogTcp=(-?\\d+) syslogUdp=(-?\\d+) http=(-?\\d+) api=(-?\\d+)");
    private static final Pattern TORN = Pattern.compile("\"torn_records\":(\\d+)");

    private final Process process;
    private final Path log;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int syslogTcpPort = -1;
    private int httpPort = -1;
    private int apiPort = -1;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -jar JAR serve --config CONFIG --data-dir DATA} and waits until it is ready. */
    static ServerProcess start(Path jar, Path config, Path dataDir, Path log) throws IOException {
        final int readyLinesBefore = Files.exists(log) ? countReadyLines(Files.readString(log)) : 0;
        final List<String> cmd = new ArrayList<>(java());
        cmd.addAll(List.of("-jar", jar.toString(), "serve", "--config", config.toString(), "--data-dir",
                dataDir.toString()));
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        final ServerProcess server = new ServerProcess(p, log);
        server.awaitReady(readyLinesBefore);
        return server;
    }

    private static int countReadyLines(String text) {
        final Matcher m = READY.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private void awaitReady(int readyLinesBefore) throws IOException {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECS);
        while (System.nanoTime() - deadlineNs < 0) {
            // the log is appended to across restarts: the last ready line is this process's
            final Matcher m = READY.matcher(Files.readString(log, StandardCharsets.UTF_8));
            int readyLines = 0;
            while (m.find()) {
                readyLines++;
                syslogTcpPort = Integer.parseInt(m.group(1));
                httpPort = Integer.parseInt(m.group(3));
                apiPort = Integer.parseInt(m.group(4));
            }
            if (readyLines > readyLinesBefore && process.isAlive()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IOException("watchfloor serve exited with " + process.exitValue() + " before it was ready; "
                        + "see " + log);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        process.destroyForcibly();
        throw new IOException("watchfloor serve not ready after " + TIMEOUT_SECS + " s; see " + log);
    }

    int syslogTcpPort() {
        return syslogTcpPort;
    }

    int httpPort() {
        return httpPort;
    }

    /** SIGKILL, then reaps the process. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(TIMEOUT_SECS, TimeUnit.SECONDS);
    }

    /** SIGTERM (the shutdown hook drains), then waits for the exit. @return false when it did not exit in time */
    boolean stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(TIMEOUT_SECS, TimeUnit.SECONDS);
    }

    /** @return the journal's torn-record count as the server reported it on start ({@code /api/stats}) */
    long tornRecordsOnStart() throws IOException, InterruptedException {
        final String stats = stats();
        final Matcher m = TORN.matcher(stats);
        if (!m.find()) {
            throw new IOException("no journal.torn_records in /api/stats: " + stats);
        }
        return Long.parseLong(m.group(1));
    }

    /** @return how many events the listener ({@code syslog_tcp}, {@code http}, ...) journaled so far */
    long journaled(String listener) throws IOException, InterruptedException {
        final String stats = stats();
        final Matcher m = Pattern.compile("\"" + listener + "\":\\{[^}]*\"journaled\":(\\d+)").matcher(stats);
        if (!m.find()) {
            throw new IOException("no listeners." + listener + ".journaled in /api/stats: " + stats);
        }
        return Long.parseLong(m.group(1));
    }

    private String stats() throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/stats"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * Runs {@code java -jar JAR journal ARGS...}.
     *
     * @return what it printed on stdout; its stderr goes to {@code log}
     */
    static String journalTool(Path jar, Path log, String... args) throws IOException, InterruptedException {
        final List<String> cmd = new ArrayList<>(java());
        cmd.addAll(List.of("-jar", jar.toString(), "journal"));
        cmd.addAll(List.of(args));
        final Path out = Files.createTempFile(log.getParent(), "journal-tool", ".out");
        try {
            final Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(TIMEOUT_SECS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("journal " + String.join(" ", args) + " did not finish; see " + log);
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static List<String> java() {
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        return cmd;
    }
}
