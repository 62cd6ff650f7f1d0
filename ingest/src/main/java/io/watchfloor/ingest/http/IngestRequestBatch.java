package io.watchfloor.ingest.http;

import io.netty.util.concurrent.EventExecutor;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.JournalCallback;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.ring.BatchFiller;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The accepted lines of one request: fills their ring slots and counts their journal answers down; when the
 * last one is in (and the publisher has settled how many were published), it runs the response task on the
 * connection's event loop.
 *
 * <p>{@link #fill} and {@link #settle} run on the event loop; {@link #journaled} and {@link #failed} on the
 * journal thread.
 */
final class IngestRequestBatch implements BatchFiller, JournalCallback {
    private final byte[] body;
    private final int[] lineOffsets;
    private final int[] lineLengths;
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

    IngestRequestBatch(byte[] body, int[] lineOffsets, int[] lineLengths, int lineCount, InetAddress peer,
                       long receivedAtMs, EventExecutor executor, Runnable respond) {
        this.body = body;
        this.lineOffsets = lineOffsets;
        this.lineLengths = lineLengths;
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

    /** Sets the first line of the next chunk handed to {@code tryPublishBatch}. */
    void chunkStart(int firstLine) {
        this.chunkStart = firstLine;
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
