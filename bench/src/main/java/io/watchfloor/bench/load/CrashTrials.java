package io.watchfloor.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Crash trials against the runnable jar: {@code --trials N} HTTP trials ({@link HttpCrashTrial}: kill -9 at a random
 * moment, restart, resend the unacknowledged, {@code journal seqcheck --acknowledged}) and {@code --tcp-trials M}
 * syslog TCP trials ({@link TcpCrashTrial}: in-flight tail lost per connection), each on a fresh data directory,
 * with the default pipeline (the repository's inventory and rules) on free loopback ports. Writes one JSON result
 * file and prints a summary; exit status 0 when no acknowledged event was lost and nothing was left missing.
 *
 * <pre>
 *   bench/crash-trials.sh [--trials 20] [--count 1000000] [--tcp-trials 3] [--tcp-count 1000000]
 *       [--connections 4] [--batch 1000] [--durability process|fsync] [--seed N] [--out FILE]
 * </pre>
 *
 * {@code --jar}, {@code --config-dir} and {@code --work-dir} are set by the script. Needs the Chronicle JVM flags
 * (it reads the journal for the TCP figures).
 */
public final class CrashTrials {
    /**
     * What every trial shares.
     *
     * @param jar the runnable {@code watchfloor.jar}
     * @param config the generated {@code watchfloor.yaml}
     * @param count events per trial
     * @param connections HTTP clients or TCP connections
     * @param batchEvents NDJSON lines per HTTP request
     */
    record Setup(Path jar, Path config, long count, int connections, int batchEvents) {
        Setup withCount(long n) {
            return new Setup(jar, config, n, connections, batchEvents);
        }
    }

    private static final Set<String> OPTIONS = Set.of("trials", "count", "tcp-trials", "tcp-count", "connections",
            "batch", "durability", "seed", "out", "jar", "config-dir", "work-dir");

    private CrashTrials() {
    }

    public static void main(String[] args) throws Exception {
        final Map<String, String> o = options(args);
        final Path workDir = Path.of(o.getOrDefault("work-dir", "bench/target/crash-trials")).toAbsolutePath();
        final Path out = Path.of(o.getOrDefault("out", workDir.resolve("results.json").toString()));
        final int trials = Integer.parseInt(o.getOrDefault("trials", "20"));
        final int tcpTrials = Integer.parseInt(o.getOrDefault("tcp-trials", "3"));
        final long count = Long.parseLong(o.getOrDefault("count", "1000000"));
        final long tcpCount = Long.parseLong(o.getOrDefault("tcp-count", Long.toString(count)));
        final String durability = o.getOrDefault("durability", "process");
        final long seed = Long.parseLong(o.getOrDefault("seed", Long.toString(System.nanoTime())));
        final Path configDir = Path.of(o.getOrDefault("config-dir", "config")).toAbsolutePath();
        final Path jar = Path.of(o.getOrDefault("jar", "server/target/watchfloor.jar")).toAbsolutePath();

        deleteRecursively(workDir.resolve("trials"));
        Files.createDirectories(workDir.resolve("trials"));
        final Path config = writeConfig(workDir, configDir, durability);
        final Setup setup = new Setup(jar, config, count, Integer.parseInt(o.getOrDefault("connections", "4")),
                Integer.parseInt(o.getOrDefault("batch", "1000")));
        final Random random = new Random(seed);
        final String startedAt = Instant.now().toString();

        final List<HttpCrashTrial.Result> http = new ArrayList<>();
        for (int t = 1; t <= trials; t++) {
            final Path dir = Files.createDirectories(workDir.resolve("trials").resolve("http-" + t));
            final HttpCrashTrial.Result r = new HttpCrashTrial(setup, random).run(t, dir);
            System.out.println("http trial " + t + ": " + r.toJson());
            http.add(r);
            if (r.passed()) {
                deleteRecursively(dir.resolve("data"));
            }
        }
        final List<TcpCrashTrial.Result> tcp = new ArrayList<>();
        for (int t = 1; t <= tcpTrials; t++) {
            final Path dir = Files.createDirectories(workDir.resolve("trials").resolve("tcp-" + t));
            final TcpCrashTrial.Result r = new TcpCrashTrial(setup.withCount(tcpCount), random).run(t, dir);
            System.out.println("tcp trial " + t + ": " + r.toJson());
            tcp.add(r);
            if (r.passed()) {
                deleteRecursively(dir.resolve("data"));
            }
        }
        final String json = resultJson(startedAt, seed, durability, setup, tcpCount, http, tcp);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json + "\n", StandardCharsets.UTF_8);
        System.out.println(json);
        System.out.println("results: " + out);
        final boolean passed = http.stream().allMatch(HttpCrashTrial.Result::passed)
                && tcp.stream().allMatch(TcpCrashTrial.Result::passed);
        System.exit(passed ? 0 : 1);
    }

    private static String resultJson(String startedAt, long seed, String durability, Setup setup, long tcpCount,
                                     List<HttpCrashTrial.Result> http, List<TcpCrashTrial.Result> tcp) {
        final StringBuilder b = new StringBuilder("{\"started_at\":\"").append(startedAt).append("\",\"seed\":")
                .append(seed).append(",\"durability\":\"").append(durability).append("\",\"http\":{\"trials\":")
                .append(http.size()).append(",\"count\":").append(setup.count()).append(",\"clients\":")
                .append(setup.connections()).append(",\"batch_events\":").append(setup.batchEvents())
                .append(",\"passed\":").append(http.stream().filter(HttpCrashTrial.Result::passed).count())
                .append(",\"acknowledged_missing_total\":")
                .append(http.stream().mapToLong(HttpCrashTrial.Result::acknowledgedMissing).sum())
                .append(",\"holes_total\":").append(http.stream().mapToLong(HttpCrashTrial.Result::holes).sum())
                .append(",\"duplicates_total\":")
                .append(http.stream().mapToLong(HttpCrashTrial.Result::duplicates).sum())
                .append(",\"torn_records_total\":")
                .append(http.stream().mapToLong(HttpCrashTrial.Result::tornRecordsOnRestart).sum())
                .append(",\"runs\":[");
        for (int i = 0; i < http.size(); i++) {
            b.append(i == 0 ? "" : ",").append(http.get(i).toJson());
        }
        b.append("]},\"tcp\":{\"trials\":").append(tcp.size()).append(",\"count\":").append(tcpCount)
                .append(",\"connections\":").append(setup.connections()).append(",\"passed\":")
                .append(tcp.stream().filter(TcpCrashTrial.Result::passed).count())
                .append(",\"max_lost_per_connection\":")
                .append(tcp.stream().mapToLong(TcpCrashTrial.Result::maxLostPerConnection).max().orElse(0))
                .append(",\"torn_records_total\":")
                .append(tcp.stream().mapToLong(TcpCrashTrial.Result::tornRecordsOnRestart).sum())
                .append(",\"runs\":[");
        for (int i = 0; i < tcp.size(); i++) {
            b.append(i == 0 ? "" : ",").append(tcp.get(i).toJson());
        }
        return b.append("]}}").toString();
    }

    /**
     * The shipped pipeline (inventory, rules) on free loopback ports; the coverage tick and the rule watch as
     * shipped too.
     */
    private static Path writeConfig(Path workDir, Path configDir, String durability) throws IOException {
        final Path config = workDir.resolve("watchfloor.yaml");
        Files.writeString(config, """
                listeners:
                  syslog: {bind_address: 127.0.0.1, tcp_port: 0, udp_port: 0}
                  http: {bind_address: 127.0.0.1, port: 0}
                api: {bind_address: 127.0.0.1, port: 0}
                journal: {durability: %s}
                coverage: {inventory: "%s"}
                detection: {rules: "%s"}
                """.formatted(durability, configDir.resolve("inventory.yaml"), configDir.resolve("rules")));
        return config;
    }

    private static Map<String, String> options(String[] args) {
        final Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException(args[i] + " (expected: --name value)");
            }
            if (!OPTIONS.contains(args[i].substring(2))) {
                throw new IllegalArgumentException(args[i] + " (expected one of: --" + String.join(" --",
                        OPTIONS.stream().sorted().toList()) + ")");
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException(args[args.length - 1] + " (expected: a value after it)");
        }
        return o;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
