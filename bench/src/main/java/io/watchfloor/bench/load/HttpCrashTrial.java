package io.watchfloor.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One crash trial over HTTP: a fresh server takes numbered events from K clients in batches; when a random share of
 * them is acknowledged it is killed with SIGKILL; the acknowledged numbers go to a file. The server is restarted on
 * the same journal, the clients resend what was not acknowledged (as a real client would), the server is stopped
 * with SIGTERM, and {@code journal seqcheck --acknowledged} counts the acknowledged numbers the journal lost (must be
 * 0), the holes left after the resend (must be 0) and the duplicates (unacknowledged events that were journaled
 * before the crash and resent: allowed, counted).
 */
final class HttpCrashTrial {
    /** The kill comes when between these shares of the events are acknowledged. */
    static final double KILL_AFTER_MIN_SHARE = 0.05;
    static final double KILL_AFTER_MAX_SHARE = 0.95;
    /** Up to this much more random delay after the share is reached, so the kill is not aligned with an answer. */
    static final long KILL_JITTER_US = 2_000;
    private static final String TAG = "crashhttp";

    /**
     * What one trial found.
     *
     * @param killAfterAcked the acknowledged count the kill waited for
     * @param ackedBeforeKill numbers acknowledged before the server died
     * @param resent unacknowledged numbers sent again after the restart
     * @param tornRecordsOnRestart what the restarted server found torn at the journal's end
     * @param journaled events in the journal at the end, duplicates included
     * @param acknowledgedMissing acknowledged numbers not in the journal: must be 0
     * @param holes numbers missing after the resend: must be 0
     * @param duplicates extra copies: journaled before the crash without an answer, then resent
     */
    record Result(int trial, long killAfterAcked, long ackedBeforeKill, long resent, long tornRecordsOnRestart,
                  long journaled, long acknowledgedMissing, long holes, long duplicates, long durationMs) {
        boolean passed() {
            return acknowledgedMissing == 0 && holes == 0;
        }

        String toJson() {
            return "{\"trial\":" + trial + ",\"kill_after_acked\":" + killAfterAcked + ",\"acked_before_kill\":"
                    + ackedBeforeKill + ",\"resent\":" + resent + ",\"torn_records_on_restart\":" + tornRecordsOnRestart
                    + ",\"journaled\":" + journaled + ",\"acknowledged_missing\":" + acknowledgedMissing
                    + ",\"holes\":" + holes + ",\"duplicates\":" + duplicates + ",\"duration_ms\":" + durationMs
                    + ",\"passed\":" + passed() + "}";
        }
    }

    private final CrashTrials.Setup setup;
    private final Random random;

    HttpCrashTrial(CrashTrials.Setup setup, Random random) {
        this.setup = setup;
        this.random = random;
    }

    Result run(int trial, Path dir) throws Exception {
        final long startMs = System.currentTimeMillis();
        final Path data = dir.resolve("data");
        final Path log = dir.resolve("server.log");
        final long count = setup.count();
        final NumberedMessage line = NumberedMessage.ndjson(TAG, Instant.now().truncatedTo(ChronoUnit.MILLIS), 0);
        final long killAfter = (long) (count * (KILL_AFTER_MIN_SHARE
                + random.nextDouble() * (KILL_AFTER_MAX_SHARE - KILL_AFTER_MIN_SHARE)));
        final long jitterNs = TimeUnit.MICROSECONDS.toNanos((long) (random.nextDouble() * KILL_JITTER_US));

        ServerProcess server = ServerProcess.start(setup.jar(), setup.config(), data, log);
        final AckedRanges acked = new AckedRanges();
        final ExecutorService pool = Executors.newFixedThreadPool(setup.connections());
        try {
            final List<Future<SenderTotals>> senders = send(pool, server, line, SeqRanges.of(0, count), acked);
            while (acked.count() < killAfter && !allDone(senders)) {
                LockSupport.parkNanos(100_000);
            }
            LockSupport.parkNanos(jitterNs);
            server.kill();
            for (Future<SenderTotals> f : senders) {
                try {
                    f.get(ServerProcess.TIMEOUT_SECS, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException expected) {
                    // the server is gone: the connection failed
                }
            }
            final Path ackedFile = dir.resolve("acked.txt");
            acked.write(ackedFile);

            server = ServerProcess.start(setup.jar(), setup.config(), data, log);
            final long torn = server.tornRecordsOnStart();
            final SeqRanges unacked = SeqRanges.unacknowledged(0, count, acked);
            final AckedRanges resentAcked = new AckedRanges();
            for (Future<SenderTotals> f : send(pool, server, line, unacked, resentAcked)) {
                f.get(ServerProcess.TIMEOUT_SECS, TimeUnit.SECONDS);
            }
            if (resentAcked.count() != unacked.size()) {
                throw new IOException("resend after restart: " + resentAcked.count() + " of " + unacked.size()
                        + " acknowledged; see " + log);
            }
            if (!server.stop()) {
                throw new IOException("server did not stop on SIGTERM; see " + log);
            }
            final String report = ServerProcess.journalTool(setup.jar(), log, "seqcheck", "--data-dir",
                    data.toString(), "--pattern", "run=" + TAG + " seq=(\\d+)", "--expect-first", "0",
                    "--expect-last", Long.toString(count - 1), "--acknowledged", ackedFile.toString());
            return new Result(trial, killAfter, acked.count(), unacked.size(), torn, field(report, "count"),
                    field(report, "acknowledged\":\\{\"count\":\\d+,\"missing"), field(report, "holes\":\\{\"count"),
                    field(report, "duplicates\":\\{\"count"), System.currentTimeMillis() - startMs);
        } finally {
            pool.shutdownNow();
            server.kill();
        }
    }

    private List<Future<SenderTotals>> send(ExecutorService pool, ServerProcess server, NumberedMessage line,
                                            SeqRanges numbers, AckedRanges acked) {
        final URI uri = URI.create("http://127.0.0.1:" + server.httpPort() + "/ingest");
        final List<Future<SenderTotals>> futures = new ArrayList<>();
        for (SeqRanges slice : numbers.split(setup.connections())) {
            futures.add(pool.submit(new HttpSender(uri, line, slice, setup.batchEvents(),
                    new RatePacer(System.nanoTime(), 0), acked)));
        }
        return futures;
    }

    private static boolean allDone(List<Future<SenderTotals>> futures) {
        for (Future<SenderTotals> f : futures) {
            if (!f.isDone()) {
                return false;
            }
        }
        return true;
    }

    /** @return the number after {@code "KEY":} in the seqcheck JSON (KEY may hold a regex for nested fields) */
    static long field(String json, String key) throws IOException {
        final Matcher m = Pattern.compile("\"" + key + "\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IOException("no " + key + " in the seqcheck output: " + json);
        }
        return Long.parseLong(m.group(1));
    }
}
