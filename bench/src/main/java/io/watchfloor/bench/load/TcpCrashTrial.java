package io.watchfloor.bench.load;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.journal.EventJournal;
import io.watchfloor.core.journal.JournalConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One crash trial over syslog TCP, which has no acknowledgement: K connections send numbered messages flat out; at a
 * random moment while the server journals them (once it has journaled a random 5-95 % share; the socket buffers
 * alone take megabytes, so the senders' own count would place the kill before the server has read anything) the
 * server is killed with SIGKILL. Per connection, what the socket took whole ({@code written}) is
 * compared with what the journal holds: TCP keeps order, so the journal must hold an unbroken prefix of each
 * connection's numbers, and {@code written - journaled} is the in-flight tail the crash lost (socket buffers on both
 * sides, frames read but not yet journaled). The server is restarted once on the journal (torn-record handling) and
 * stopped before the journal is read.
 */
final class TcpCrashTrial {
    private static final String TAG = "crashtcp";
    private static final int SEQ_OFFSET_FROM_END = NumberedMessage.SEQ_DIGITS;
    private static final long KILL_POLL_NS = TimeUnit.MILLISECONDS.toNanos(2);

    /** One connection's figures. */
    record Connection(long written, long journaled, long holes) {
        long lost() {
            return written - journaled;
        }

        String toJson() {
            return "{\"written\":" + written + ",\"journaled\":" + journaled + ",\"lost\":" + lost() + ",\"holes\":"
                    + holes + "}";
        }
    }

    /** What one trial found; {@code killAfterJournaled} is the journaled count the kill waited for. */
    record Result(int trial, long killAfterJournaled, long tornRecordsOnRestart, List<Connection> connections,
                  long durationMs) {
        long lost() {
            return connections.stream().mapToLong(Connection::lost).sum();
        }

        long maxLostPerConnection() {
            return connections.stream().mapToLong(Connection::lost).max().orElse(0);
        }

        boolean passed() {
            return connections.stream().allMatch(c -> c.holes() == 0 && c.lost() >= 0);
        }

        String toJson() {
            final StringBuilder b = new StringBuilder("{\"trial\":").append(trial).append(",\"kill_after_journaled\":")
                    .append(killAfterJournaled).append(",\"torn_records_on_restart\":").append(tornRecordsOnRestart)
                    .append(",\"lost\":").append(lost()).append(",\"max_lost_per_connection\":")
                    .append(maxLostPerConnection()).append(",\"connections\":[");
            for (int i = 0; i < connections.size(); i++) {
                b.append(i == 0 ? "" : ",").append(connections.get(i).toJson());
            }
            return b.append("],\"duration_ms\":").append(durationMs).append(",\"passed\":").append(passed())
                    .append('}').toString();
        }
    }

    private final CrashTrials.Setup setup;
    private final Random random;

    TcpCrashTrial(CrashTrials.Setup setup, Random random) {
        this.setup = setup;
        this.random = random;
    }

    Result run(int trial, Path dir) throws Exception {
        final long startMs = System.currentTimeMillis();
        final Path data = dir.resolve("data");
        final Path log = dir.resolve("server.log");
        final long count = setup.count();
        final int k = setup.connections();
        final NumberedMessage message = NumberedMessage.syslog(TAG, Instant.now().truncatedTo(ChronoUnit.MILLIS), 0);
        final long killAfter = (long) (count * (HttpCrashTrial.KILL_AFTER_MIN_SHARE + random.nextDouble()
                * (HttpCrashTrial.KILL_AFTER_MAX_SHARE - HttpCrashTrial.KILL_AFTER_MIN_SHARE)));
        final long jitterNs = TimeUnit.MICROSECONDS.toNanos((long) (random.nextDouble()
                * HttpCrashTrial.KILL_JITTER_US));
        final long[] sliceStart = new long[k + 1];
        for (int w = 0; w <= k; w++) {
            sliceStart[w] = count / k * w + Math.min(w, count % k);
        }
        final AtomicLong[] written = new AtomicLong[k];
        ServerProcess server = ServerProcess.start(setup.jar(), setup.config(), data, log);
        final ExecutorService pool = Executors.newFixedThreadPool(k);
        try {
            final InetSocketAddress target = new InetSocketAddress("127.0.0.1", server.syslogTcpPort());
            final List<Future<SenderTotals>> senders = new ArrayList<>();
            for (int w = 0; w < k; w++) {
                written[w] = new AtomicLong();
                senders.add(pool.submit(new TcpSender(target, message, SyslogFraming.LF, sliceStart[w],
                        sliceStart[w + 1], new RatePacer(System.nanoTime(), 0), written[w])));
            }
            // not "until the senders are done": they finish as soon as the socket buffers hold the rest
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(ServerProcess.TIMEOUT_SECS);
            while (server.journaled("syslog_tcp") < killAfter) {
                if (System.nanoTime() - deadlineNs > 0) {
                    throw new IOException("the server journaled fewer than " + killAfter + " events in "
                            + ServerProcess.TIMEOUT_SECS + " s; see " + log);
                }
                LockSupport.parkNanos(KILL_POLL_NS);
            }
            LockSupport.parkNanos(jitterNs);
            server.kill();
            for (Future<SenderTotals> f : senders) {
                try {
                    f.get(ServerProcess.TIMEOUT_SECS, TimeUnit.SECONDS);
                } catch (ExecutionException expected) {
                    // the server is gone: the connection broke
                }
            }
            server = ServerProcess.start(setup.jar(), setup.config(), data, log);
            final long torn = server.tornRecordsOnStart();
            if (!server.stop()) {
                throw new IOException("server did not stop on SIGTERM; see " + log);
            }
            return new Result(trial, killAfter, torn, tally(data, sliceStart, written), System.currentTimeMillis()
                    - startMs);
        } finally {
            pool.shutdownNow();
            server.kill();
        }
    }

    /** Reads every journaled number and sorts it to its connection by slice. */
    private static List<Connection> tally(Path data, long[] sliceStart, AtomicLong[] written) {
        final int k = written.length;
        final long count = sliceStart[k];
        final boolean[] seen = new boolean[Math.toIntExact(count)];
        try (EventJournal j = EventJournal.openReadOnly(new JournalConfig(data.resolve("journal"),
                JournalConfig.RETENTION_DAYS_DEFAULT))) {
            j.replayFrom(0, new Event(), e -> {
                final long seq = seqOf(e.raw(), e.rawLength());
                if (seq >= 0 && seq < count) {
                    seen[(int) seq] = true;
                }
            });
        }
        final List<Connection> out = new ArrayList<>(k);
        for (int w = 0; w < k; w++) {
            long journaled = 0;
            long lastSeen = sliceStart[w] - 1;
            for (long s = sliceStart[w]; s < sliceStart[w + 1]; s++) {
                if (seen[(int) s]) {
                    journaled++;
                    lastSeen = s;
                }
            }
            out.add(new Connection(written[w].get(), journaled, lastSeen - sliceStart[w] + 1 - journaled));
        }
        return out;
    }

    /** @return the number at the end of {@code ... run=crashtcp seq=NNNNNNNNNN}, or -1 */
    private static long seqOf(byte[] raw, int length) {
        if (length < SEQ_OFFSET_FROM_END) {
            return -1;
        }
        long v = 0;
        for (int i = length - SEQ_OFFSET_FROM_END; i < length; i++) {
            final int d = raw[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
