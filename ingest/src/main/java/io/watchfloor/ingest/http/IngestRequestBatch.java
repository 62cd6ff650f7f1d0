package io.watchfloor.ingest.http;

import io.netty.util.concurrent.EventExecutor;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.JournalCallback;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.ring.BatchFiller;
import io.watchfloor.core.ring.EventPublisher;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The accepted lines of one request: publishes them in chunks as the ring has room ({@link #publish}, called
 * again by the handler's retries), fills their ring slots and counts their journal answers down; when the
 * last one is in (and the handler has settled how many will never be published), it runs the response task on
 * the connection's event loop.
 *
 * <p>{@link #publish}, {@link #fill} and {@link #settle} run on the event loop; {@link #journaled} and
 * {@link #failed} on the journal thread.
 */
final class IngestRequestBatch implements BatchFiller, JournalCallback {
    private final byte[] body;
    private final int[] lineOffsets;
    private final int[] lineLengths;
    private final int[] lineNumbers;
    private final int lineCount;
    private final InetAddress peer;
    private final long receivedAtMs;
    private final EventExecutor executor;
    private final Runnable respond;

    /** Lines still owed an answer, plus one held until {@link #settle}. */
    private final AtomicInteger outstanding;
    private final AtomicInteger journaledCount = new AtomicInteger();
    private final AtomicInteger failedCount = new AtomicInteger();
    /** First line of the chunk being published; event loop only. */
    private int chunkStart;
    /** Lines published so far (they are the first ones); event loop only. */
    private int published;

    /**
     * @param lineOffsets start of each accepted line in {@code body}
     * @param lineLengths length of each accepted line
     * @param lineNumbers 1-based line number of each accepted line in the body, for the report
     */
    IngestRequestBatch(byte[] body, int[] lineOffsets, int[] lineLengths, int[] lineNumbers, int lineCount,
                       InetAddress peer, long receivedAtMs, EventExecutor executor, Runnable respond) {
        this.body = body;
        this.lineOffsets = lineOffsets;
        this.lineLengths = lineLengths;
        this.lineNumbers = lineNumbers;
        this.lineCount = lineCount;
        this.peer = peer;
        this.receivedAtMs = receivedAtMs;
        this.executor = executor;
        this.respond = respond;
        this.outstanding = new AtomicInteger(lineCount + 1);
    }

    /** @return the number of accepted lines */
    int lineCount() {
        return lineCount;
    }

    /** @return lines published so far */
    int published() {
        return published;
    }

    /** @return the 1-based body line number of accepted line {@code index} */
    int lineNumber(int index) {
        return lineNumbers[index];
    }

    /**
     * Publishes as many of the remaining lines as the ring takes now, in order, in chunks of at most the ring's
     * capacity. While nothing is published and the whole request fits the ring, it is all or nothing (a small
     * request is never split, so a 503 means none of it went in); otherwise a chunk that does not fit is cut to
     * the free room, so a busy ring that is never completely empty still makes progress.
     *
     * @return lines published by this call
     */
    int publish(EventPublisher publisher) {
        final int capacity = Math.max(1, publisher.capacity());
        final int before = published;
        while (published < lineCount) {
            int chunk = Math.min(lineCount - published, capacity);
            chunkStart = published;
            if (!publisher.tryPublishBatch(chunk, this)) {
                if (published == 0 && lineCount <= capacity) {
                    break;
                }
                final int free = (int) Math.min(chunk - 1, publisher.remainingCapacity());
                if (free <= 0 || !publisher.tryPublishBatch(free, this)) {
                    break;
                }
                chunk = free;
            }
            published += chunk;
        }
        return published - before;
    }

    @Override
    public void fill(Event slot, int index) {
        final int line = chunkStart + index;
        slot.resetForData(Listener.HTTP, peer, receivedAtMs, false, this);
        slot.raw(body, lineOffsets[line], lineLengths[line]);
    }

    /** The publisher is done: {@code unpublished} lines will never get a journal answer. */
    void settle(int unpublished) {
        countDown(unpublished + 1);
    }

    @Override
    public void journaled(long journalIndex) {
        journaledCount.incrementAndGet();
        countDown(1);
    }

    @Override
    public void failed() {
        failedCount.incrementAndGet();
        countDown(1);
    }

    /** @return lines the journal appended; final once the response task runs */
    int journaledCount() {
        return journaledCount.get();
    }

    /** @return lines the journal failed to append; final once the response task runs */
    int failedCount() {
        return failedCount.get();
    }

    private void countDown(int n) {
        if (outstanding.addAndGet(-n) == 0) {
            executor.execute(respond);
        }
    }
}
