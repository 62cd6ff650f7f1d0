package io.watchfloor.core.journal;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.JournalCallback;
import io.watchfloor.core.ring.EventStage;
import io.watchfloor.core.ring.IngestCounters;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ring's journal stage: appends each DATA event, then tells its {@link JournalCallback}; an event is
 * accepted from this point on. With {@link JournalDurability#FSYNC} the callbacks wait for a group commit: one
 * {@link EventJournal#sync} at the end of each batch the stage takes from the ring (or when
 * {@link #MAX_PENDING_ACKS} are waiting), then the batch's callbacks run. Runs on one thread; append latency goes
 * to a {@link Recorder} readable from any thread, sync counts to volatile fields.
 */
public final class JournalStage implements EventStage {
    private static final Logger LOG = LoggerFactory.getLogger(JournalStage.class);
    /** Latencies above one minute are clamped into the top bucket. */
    private static final long MAX_TRACKED_NS = 60_000_000_000L;
    /** Retention runs on the journal thread (the only writer), at most this often, driven by TICKs. */
    private static final long RETENTION_CHECK_INTERVAL_MS = 3_600_000L;
    /** Acknowledgements a group commit holds at most; a longer batch syncs early (one more sync per this many). */
    public static final int MAX_PENDING_ACKS = 16_384;

    private final EventJournal journal;
    private final IngestCounters counters;
    private final Recorder appendLatencyNs = new Recorder(MAX_TRACKED_NS, 2);
    private final boolean syncEachBatch;
    private final PendingAcks pending;

    private boolean failing;
    private boolean syncFailing;
    /** Events appended since the last sync (fsync durability only). */
    private boolean unsynced;
    private long lastRetentionMs = Long.MIN_VALUE / 2;
    private volatile long syncs;
    private volatile long syncFailures;
    private volatile long syncTimeNs;

    /** Acknowledges as the journal's {@link EventJournal#durability()} says. */
    public JournalStage(EventJournal journal, IngestCounters counters) {
        this.journal = journal;
        this.counters = counters;
        this.syncEachBatch = journal.durability() == JournalDurability.FSYNC;
        this.pending = syncEachBatch ? new PendingAcks(MAX_PENDING_ACKS) : null;
    }

    @Override
    public void onEvent(Event e, boolean endOfBatch) {
        try {
            if (e.isTick()) {
                if (e.receivedAtMs() - lastRetentionMs >= RETENTION_CHECK_INTERVAL_MS) {
                    lastRetentionMs = e.receivedAtMs();
                    journal.applyRetention(lastRetentionMs);
                }
            } else {
                appendData(e);
            }
        } finally {
            // whatever this slot did, the batch's acknowledgements must not wait for the next batch
            if (endOfBatch && unsynced) {
                commit();
            }
        }
    }

    private void appendData(Event e) {
        final JournalCallback callback = e.journalCallback();
        final long startNs = System.nanoTime();
        final long index;
        try {
            index = journal.append(e);
        } catch (RuntimeException ex) {
            counters.addJournalFailure();
            if (!failing) {
                failing = true;
                LOG.error("Journal append failed; events are not accepted until it recovers. error={}", ex.toString(), ex);
            }
            e.journalIndex(-1);
            if (callback != null) {
                callback.failed();
            }
            return;
        }
        appendLatencyNs.recordValue(Math.min(MAX_TRACKED_NS, System.nanoTime() - startNs));
        if (failing) {
            failing = false;
            LOG.warn("Journal append recovered.");
        }
        e.journalIndex(index);
        counters.addJournaled(e.listener());
        if (e.parseError()) {
            counters.addParseError(e.listener());
        }
        if (!syncEachBatch) {
            if (callback != null) {
                callback.journaled(index);
            }
            return;
        }
        unsynced = true;
        if (callback != null && pending.add(callback, index)) {
            commit();
        }
    }

    /** Syncs the journal, then releases the held acknowledgements: journaled when the sync worked, failed if not. */
    private void commit() {
        final long startNs = System.nanoTime();
        boolean synced;
        try {
            journal.sync();
            synced = true;
        } catch (Exception ex) {
            synced = false;
            syncFailures++;
            if (!syncFailing) {
                syncFailing = true;
                LOG.error("Journal sync failed; the events appended since the last sync are answered as failed "
                        + "(they stay in the journal, a resend may duplicate them). error={}", ex.toString(), ex);
            }
        }
        syncTimeNs += System.nanoTime() - startNs;
        unsynced = false;
        if (synced) {
            syncs++;
            if (syncFailing) {
                syncFailing = false;
                LOG.warn("Journal sync recovered.");
            }
        }
        pending.release(synced);
    }

    /** @return the append latencies since the previous call (an interval histogram, in ns) */
    public Histogram appendLatencyInterval() {
        return appendLatencyNs.getIntervalHistogram();
    }

    /** @return journal syncs that worked (fsync durability; 0 with process durability) */
    public long syncs() {
        return syncs;
    }

    /** @return journal syncs that failed; their events were answered as failed */
    public long syncFailures() {
        return syncFailures;
    }

    /** @return time spent syncing, in ns */
    public long syncTimeNs() {
        return syncTimeNs;
    }
}
