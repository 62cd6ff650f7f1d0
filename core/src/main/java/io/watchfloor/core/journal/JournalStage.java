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
 * accepted from this point on. Runs on one thread; append latency goes to a {@link Recorder} readable from
 * any thread.
 */
public final class JournalStage implements EventStage {
    private static final Logger LOG = LoggerFactory.getLogger(JournalStage.class);
    /** Latencies above one minute are clamped into the top bucket. */
    private static final long MAX_TRACKED_NS = 60_000_000_000L;

    private final EventJournal journal;
    private final IngestCounters counters;
    private final Recorder appendLatencyNs = new Recorder(MAX_TRACKED_NS, 2);
    /** Retention runs on the journal thread (the only writer), at most this often, driven by TICKs. */
    private static final long RETENTION_CHECK_INTERVAL_MS = 3_600_000L;

    private boolean failing;
    private long lastRetentionMs = Long.MIN_VALUE / 2;

    public JournalStage(EventJournal journal, IngestCounters counters) {
        this.journal = journal;
        this.counters = counters;
    }

    @Override
    public void onEvent(Event e, boolean endOfBatch) {
        if (e.isTick()) {
            if (e.receivedAtMs() - lastRetentionMs >= RETENTION_CHECK_INTERVAL_MS) {
                lastRetentionMs = e.receivedAtMs();
                journal.applyRetention(lastRetentionMs);
            }
            return;
        }
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
        if (callback != null) {
            callback.journaled(index);
        }
    }

    /** @return the append latencies since the previous call (an interval histogram, in ns) */
    public Histogram appendLatencyInterval() {
        return appendLatencyNs.getIntervalHistogram();
    }
}
