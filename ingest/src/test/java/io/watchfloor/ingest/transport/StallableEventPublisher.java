package io.watchfloor.ingest.transport;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.JournalCallback;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.ring.BatchFiller;
import io.watchfloor.core.ring.EventPublisher;
import io.watchfloor.core.ring.RawCopier;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Test ring: holds at most {@code capacity} published events until the test drains it (a stalled consumer); a
 * drain stands for the journal stage and completes the events' {@link JournalCallback}s on the draining thread.
 * Thread-safe.
 */
public final class StallableEventPublisher implements EventPublisher {
    private final int capacity;
    private final ArrayDeque<Event> inRing = new ArrayDeque<>();
    private final List<Event> drained = new ArrayList<>();
    private long publishedCount;
    private long batchPublishes;
    private long fullAnswers;
    private long journalIndex;

    public StallableEventPublisher(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized <T> boolean tryPublish(Listener listener, InetAddress peer, long receivedAtMs,
                                               boolean truncated, JournalCallback callback, T src, int length,
                                               RawCopier<? super T> copier) {
        if (inRing.size() >= capacity) {
            fullAnswers++;
            return false;
        }
        final Event e = new Event();
        e.resetForData(listener, peer, receivedAtMs, truncated, callback);
        copier.copy(src, e.rawBuffer(length), length);
        inRing.add(e);
        publishedCount++;
        return true;
    }

    @Override
    public synchronized boolean tryPublishBatch(int count, BatchFiller filler) {
        if (capacity - inRing.size() < count) {
            fullAnswers++;
            return false;
        }
        for (int i = 0; i < count; i++) {
            final Event e = new Event();
            filler.fill(e, i);
            inRing.add(e);
        }
        publishedCount += count;
        batchPublishes++;
        return true;
    }

    @Override
    public synchronized long remainingCapacity() {
        return capacity - inRing.size();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /** Consumes every event in the ring, telling each callback the event is journaled. @return events consumed */
    public int drain() {
        return drain(false);
    }

    /** Consumes every event in the ring; when {@code failJournal}, callbacks are told the append failed. */
    public int drain(boolean failJournal) {
        final List<Event> batch;
        synchronized (this) {
            batch = new ArrayList<>(inRing);
            inRing.clear();
            drained.addAll(batch);
        }
        // callbacks run outside the lock, like a journal thread would
        for (Event e : batch) {
            final JournalCallback cb = e.journalCallback();
            if (cb != null) {
                if (failJournal) {
                    cb.failed();
                } else {
                    cb.journaled(nextJournalIndex());
                }
            }
        }
        return batch.size();
    }

    private synchronized long nextJournalIndex() {
        return journalIndex++;
    }

    /** @return events waiting in the ring */
    public synchronized int inRing() {
        return inRing.size();
    }

    /** @return events published so far */
    public synchronized long publishedCount() {
        return publishedCount;
    }

    /** @return how many {@link #tryPublishBatch} calls published their events */
    public synchronized long batchPublishes() {
        return batchPublishes;
    }

    /** @return how often a publish was refused because the ring was full */
    public synchronized long fullAnswers() {
        return fullAnswers;
    }

    /** @return the raw text of every drained event, in ring order */
    public synchronized List<String> drainedTexts() {
        final List<String> texts = new ArrayList<>(drained.size());
        for (Event e : drained) {
            texts.add(new String(e.raw(), 0, e.rawLength(), StandardCharsets.UTF_8));
        }
        return texts;
    }

    /** @return the drained events, in ring order */
    public synchronized List<Event> drainedEvents() {
        return new ArrayList<>(drained);
    }
}
