package io.watchfloor.bench.load;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP client posting its numbers (a {@link SeqRanges}, in order) as NDJSON batches, one request at a time on its
 * own keep-alive connection, and recording request → acknowledgement latency. Watchfloor answers after the journal
 * append, so a 200 means every line is journaled: those numbers go to the shared {@link AckedRanges}. A 503 (ring
 * full) is retried after {@code Retry-After} from the first line it did not accept (the accepted ones are
 * acknowledged). With a rate, batch {@code b} is due at the pacer's time of its first event and the latency is
 * recorded with the batch interval as expected interval (HdrHistogram's coordinated-omission correction). Runs on its
 * own thread; a failed connection (the server is gone) ends it with an IOException.
 */
final class HttpSender implements Callable<SenderTotals> {
    /** 503 retries per batch before its remaining lines count as failed. */
    static final int MAX_RETRIES_PER_BATCH = 60;
    /** Longest {@code Retry-After} honoured, in seconds. */
    static final long MAX_RETRY_AFTER_SECS = 5;
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+)");
    private static final Pattern REJECTED = Pattern.compile("\"rejected\":(\\d+)");

    private final URI uri;
    private final NumberedMessage line;
    private final SeqRanges numbers;
    private final int batchEvents;
    private final RatePacer pacer;
    private final AckedRanges acked;

    HttpSender(URI uri, NumberedMessage line, SeqRanges numbers, int batchEvents, RatePacer pacer,
               AckedRanges acked) {
        this.uri = uri;
        this.line = line;
        this.numbers = numbers;
        this.batchEvents = batchEvents;
        this.pacer = pacer;
        this.acked = acked;
    }

    @Override
    public SenderTotals call() throws IOException {
        try (Http11Connection connection = new Http11Connection(uri, "application/x-ndjson")) {
            return send(connection);
        }
    }

    private SenderTotals send(Http11Connection connection) throws IOException {
        final byte[] body = new byte[batchEvents * line.length()];
        final Histogram latencyUs = SenderTotals.newHistogram();
        final long expectedIntervalUs = TimeUnit.NANOSECONDS.toMicros(pacer.intervalNs() * batchEvents);
        final long total = numbers.size();
        long ackedEvents = 0;
        long bytes = 0;
        long requests = 0;
        long retries = 0;
        long failed = 0;
        for (long first = 0; first < total; first += batchEvents) {
            final int n = (int) Math.min(batchEvents, total - first);
            // flat out, only the first batch waits: for the common start
            final long waitNs = pacer.dueAtNs(first) - System.nanoTime();
            if (waitNs > 0) {
                LockSupport.parkNanos(waitNs);
            }
            int end = 0;
            for (int i = 0; i < n; i++) {
                end = line.write(body, end, numbers.seqAt(first + i));
            }
            final long startNs = System.nanoTime();
            int done = 0;
            for (int attempt = 0; done < n; attempt++) {
                final Http11Connection.Response r = connection.post(body, done * line.length(),
                        (n - done) * line.length());
                requests++;
                bytes += (long) (n - done) * line.length();
                if (r.status() == 200) {
                    final long rejected = number(REJECTED, r.body(), 0);
                    if (rejected == 0) {
                        numbers.forEachRun(first + done, first + n, acked::add);
                    }
                    ackedEvents += n - done - rejected;
                    failed += rejected;
                    done = n;
                    final long us = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNs);
                    latencyUs.recordValueWithExpectedInterval(Math.min(SenderTotals.MAX_LATENCY_US, us),
                            expectedIntervalUs);
                } else if (r.status() == 503 && attempt < MAX_RETRIES_PER_BATCH) {
                    retries++;
                    final int accepted = (int) number(ACCEPTED, r.body(), 0);
                    // the accepted lines are the first ones: the handler publishes in order
                    numbers.forEachRun(first + done, first + done + accepted, acked::add);
                    ackedEvents += accepted;
                    done += accepted;
                    final long afterSecs = Math.min(MAX_RETRY_AFTER_SECS,
                            r.retryAfterSecs() < 0 ? 1 : r.retryAfterSecs());
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(afterSecs));
                } else {
                    failed += n - done;
                    done = n;
                }
            }
        }
        return new SenderTotals(ackedEvents, bytes, requests, retries, failed, latencyUs);
    }

    private static long number(Pattern p, String body, long dflt) {
        final Matcher m = p.matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : dflt;
    }
}
