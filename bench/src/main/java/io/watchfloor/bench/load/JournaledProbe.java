package io.watchfloor.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one listener's {@code journaled} counter from Watchfloor's {@code /api/stats}, so a run can report when the
 * server had journaled everything it sent (for TCP and UDP the senders only know what the socket took). Used from the
 * main thread only.
 */
final class JournaledProbe {
    /** Poll interval while waiting. */
    static final long POLL_MS = 10;
    /** The wait ends when the counter has not moved for this long (UDP loses datagrams; it may never catch up). */
    static final long STALL_MS = 2_000;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI stats;
    private final Pattern journaled;

    JournaledProbe(String host, int apiPort, String listenerId) {
        this.stats = URI.create("http://" + host + ":" + apiPort + "/api/stats");
        this.journaled = Pattern.compile("\"" + Pattern.quote(listenerId) + "\":\\{[^}]*\"journaled\":(\\d+)");
    }

    /** @return the listener's journaled count now */
    long journaled() throws IOException, InterruptedException {
        final String body = client.send(HttpRequest.newBuilder(stats).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        final Matcher m = journaled.matcher(body);
        if (!m.find()) {
            throw new IOException("no journaled count in " + stats + " (expected: listeners.<id>.journaled)");
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * Polls until {@code target} events are journaled, the count stalls for {@link #STALL_MS}, or the deadline.
     *
     * @return {@code System.nanoTime()} when the count last moved, and the count then
     */
    long[] awaitJournaled(long target, long deadlineNs) throws IOException, InterruptedException {
        long last = journaled();
        long lastChangeNs = System.nanoTime();
        while (last < target && System.nanoTime() < deadlineNs
                && System.nanoTime() - lastChangeNs < TimeUnit.MILLISECONDS.toNanos(STALL_MS)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
            final long now = journaled();
            if (now != last) {
                last = now;
                lastChangeNs = System.nanoTime();
            }
        }
        return new long[] {lastChangeNs, last};
    }
}
