package io.watchfloor.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends numbered events to a running Watchfloor and prints a JSON summary (sent, duration, rate, HTTP acknowledgement
 * latency percentiles); completeness is then checked with the {@code journal seqcheck} command printed in it.
 *
 * <pre>
 *   mvn -B -o -pl bench package -DskipTests
 *   java -cp bench/target/benchmarks.jar io.watchfloor.bench.load.LoadGenerator \
 *       --transport tcp --port 5514 --count 1000000 --connections 4 [--framing lf|octet-counted] [--rate N] \
 *       [--api-port 8080]
 *   java -cp bench/target/benchmarks.jar io.watchfloor.bench.load.LoadGenerator \
 *       --transport http --port 8088 --count 200000 --batch 1000 --connections 4 [--rate N]
 *   java -cp bench/target/benchmarks.jar io.watchfloor.bench.load.LoadGenerator \
 *       --transport udp --port 5514 --count 100000 --rate 50000
 *   ./watchfloor journal seqcheck --data-dir DIR --pattern 'run=tcp seq=(\d+)' --expect-first 0 --expect-last 999999
 * </pre>
 *
 * Options (defaults in {@link LoadConfig}): {@code --host 127.0.0.1}, {@code --port} (transport default),
 * {@code --count}, {@code --first-seq}, {@code --connections} (TCP connections or HTTP clients), {@code --rate}
 * (events/s over all workers, 0 = flat out), {@code --framing}, {@code --batch}, {@code --message-bytes} (pad to),
 * {@code --tag} (written as {@code run=TAG}; default the transport), {@code --path}, {@code --timeout-secs},
 * {@code --api-port} (read the listener's journaled count from {@code /api/stats} before and after, and report when
 * everything sent was journaled; assumes no other traffic to that listener meanwhile), {@code --out FILE} (also
 * write the summary there), {@code --acked-out FILE} (HTTP: write the acknowledged numbers as {@code FIRST LAST}
 * ranges, for {@code journal seqcheck --acknowledged FILE}). Exit status: 0 all sent and acknowledged, 1 some failed
 * or the run timed out, 2 bad arguments.
 */
public final class LoadGenerator {
    /** Delay between setting up the senders and their common start, so all start on the same schedule. */
    static final long START_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private LoadGenerator() {
    }

    /** @param args {@code --name value} options, see the class comment */
    public static void main(String[] args) throws Exception {
        String out = null;
        String ackedOut = null;
        final List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = args[++i];
            } else if (args[i].equals("--acked-out") && i + 1 < args.length) {
                ackedOut = args[++i];
            } else {
                rest.add(args[i]);
            }
        }
        final LoadConfig config;
        try {
            config = LoadConfig.parse(rest.toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage().replace("\n", "\nerror: "));
            System.exit(2);
            return;
        }
        final AckedRanges acked = new AckedRanges();
        final LoadSummary summary = run(config, acked);
        if (ackedOut != null) {
            acked.write(Path.of(ackedOut));
        }
        final String json = summary.toJson();
        System.out.println(json);
        if (out != null) {
            Files.writeString(Path.of(out), json + "\n");
        }
        System.exit(summary.totals().failedEvents() == 0 && summary.totals().sent() == config.count() ? 0 : 1);
    }

    /**
     * Runs the configured load to the end or the timeout.
     *
     * @param acked collects the numbers HTTP acknowledged
     * @return the summary; a timed-out run counts what did not finish as failed
     */
    static LoadSummary run(LoadConfig config, AckedRanges acked) throws IOException, InterruptedException {
        final Instant timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        final long startNs = System.nanoTime() + START_DELAY_NS;
        final JournaledProbe probe = config.apiPort() == 0 ? null
                : new JournaledProbe(config.host(), config.apiPort(), config.transport().listenerId());
        final long journaledBefore = probe == null ? 0 : probe.journaled();
        final List<Callable<SenderTotals>> senders = senders(config, timestamp, startNs, acked);
        final ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        try {
            final List<Future<SenderTotals>> futures = new ArrayList<>();
            for (Callable<SenderTotals> s : senders) {
                futures.add(pool.submit(s));
            }
            final long deadlineNs = startNs + TimeUnit.SECONDS.toNanos(config.timeoutSecs());
            SenderTotals totals = SenderTotals.withoutLatency(0, 0);
            for (Future<SenderTotals> f : futures) {
                try {
                    totals = totals.plus(f.get(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (ExecutionException | TimeoutException e) {
                    System.err.println("error: sender failed: " + (e.getCause() == null ? e : e.getCause()));
                }
            }
            final long durationNs = System.nanoTime() - startNs;
            final long unaccounted = config.count() - totals.sent() - totals.failedEvents();
            totals = totals.plus(new SenderTotals(0, 0, 0, 0, unaccounted, SenderTotals.newHistogram()));
            if (probe == null) {
                return LoadSummary.unprobed(config, totals, durationNs);
            }
            final long[] at = probe.awaitJournaled(journaledBefore + totals.sent(), deadlineNs);
            return new LoadSummary(config, totals, durationNs, at[1] - journaledBefore, at[0] - startNs);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Callable<SenderTotals>> senders(LoadConfig c, Instant timestamp, long startNs,
                                                        AckedRanges acked) {
        final InetSocketAddress target = new InetSocketAddress(c.host(), c.targetPort());
        final List<Callable<SenderTotals>> senders = new ArrayList<>();
        switch (c.transport()) {
            case TCP -> {
                final NumberedMessage m = NumberedMessage.syslog(c.tag(), timestamp, c.messageBytes());
                for (int w = 0; w < c.workers(); w++) {
                    senders.add(new TcpSender(target, m, c.framing(), c.sliceStart(w), c.sliceStart(w + 1),
                            new RatePacer(startNs, c.workerRatePerSec(w)), new AtomicLong()));
                }
            }
            case UDP -> senders.add(new UdpSender(target, NumberedMessage.syslog(c.tag(), timestamp, c.messageBytes()),
                    c.firstSeq(), c.firstSeq() + c.count(), new RatePacer(startNs, c.ratePerSec())));
            case HTTP -> {
                final NumberedMessage m = NumberedMessage.ndjson(c.tag(), timestamp, c.messageBytes());
                final URI uri = URI.create("http://" + c.host() + ":" + c.targetPort() + c.path());
                for (int w = 0; w < c.workers(); w++) {
                    senders.add(new HttpSender(uri, m, SeqRanges.of(c.sliceStart(w), c.sliceStart(w + 1)),
                            c.batchEvents(), new RatePacer(startNs, c.workerRatePerSec(w)), acked));
                }
            }
            default -> throw new IllegalStateException("transport " + c.transport());
        }
        return senders;
    }
}
