package io.watchfloor.core.ring;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
import com.lmax.disruptor.dsl.ProducerType;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.JournalCallback;
import io.watchfloor.core.event.Listener;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The Disruptor ring of reusable {@link Event} slots and its three stages:
 *
 * <pre>
 *   publishers ─▶ parse (N threads, slot i goes to thread i % N) ─▶ journal ─▶ analyze 1 ─▶ … ─▶ analyze k
 * </pre>
 *
 * Publishing is thread-safe and never blocks ({@link EventPublisher}); each stage runs on its own thread, so the
 * analyze stages work on different events at the same time (a pipeline). They run one after another on each event
 * so that the last one can {@link Event#release} it: its per-event objects then die young.
 */
public final class EventRing implements EventPublisher, AutoCloseable {
    private final Disruptor<Event> disruptor;
    private final RingBuffer<Event> ring;
    private final LongAdder stageErrors = new LongAdder();

    /**
     * Builds and starts the ring.
     *
     * @param config sizes
     * @param parseStage makes one parse stage per parse thread (each owns its parser)
     * @param journalStage the single journal writer
     * @param analyzeStages stages that see each event after the journal, in this order (detection, coverage)
     */
    public EventRing(RingConfig config, Supplier<EventStage> parseStage, EventStage journalStage,
                     List<EventStage> analyzeStages) {
        final int n = config.parseThreads();
        final BackoffBlockingWaitStrategy waitStrategy = new BackoffBlockingWaitStrategy();
        this.disruptor = new Disruptor<>(Event::new, config.slots(), threads(n, analyzeStages.size()),
                ProducerType.MULTI, waitStrategy);
        waitStrategy.watch(disruptor.getRingBuffer());
        @SuppressWarnings("unchecked")
        final EventHandler<Event>[] parsers = new EventHandler[n];
        for (int i = 0; i < n; i++) {
            parsers[i] = new ShardedHandler(parseStage.get(), i, n);
        }
        EventHandlerGroup<Event> group = disruptor.handleEventsWith(parsers);
        final EventHandler<Event> journal = new StageHandler(journalStage, analyzeStages.isEmpty());
        group = group.then(journal);
        @SuppressWarnings("unchecked")
        final EventHandler<Event>[] analyzers = new EventHandler[analyzeStages.size()];
        for (int i = 0; i < analyzers.length; i++) {
            analyzers[i] = new StageHandler(analyzeStages.get(i), i == analyzers.length - 1);
            group = group.then(analyzers[i]);
        }
        for (EventHandler<Event> p : parsers) {
            disruptor.handleExceptionsFor(p).with(new StageErrors("parse", stageErrors));
        }
        disruptor.handleExceptionsFor(journal).with(new StageErrors("journal", stageErrors));
        for (EventHandler<Event> a : analyzers) {
            disruptor.handleExceptionsFor(a).with(new StageErrors("analyze", stageErrors));
        }
        this.ring = disruptor.start();
    }

    /**
     * Names stage threads after their stage, in the order the Disruptor starts them (parse, journal, analyze), and
     * short enough for the 15 characters Linux keeps, so {@code top -H} and {@code /proc/PID/task} tell them apart.
     */
    private static ThreadFactory threads(int parseThreads, int analyzeStages) {
        final String[] names = new String[parseThreads + 1 + analyzeStages];
        for (int i = 0; i < parseThreads; i++) {
            names[i] = "wf-parse-" + i;
        }
        names[parseThreads] = "wf-journal";
        for (int i = 0; i < analyzeStages; i++) {
            names[parseThreads + 1 + i] = "wf-analyze-" + i;
        }
        final AtomicInteger started = new AtomicInteger();
        return r -> {
            final int i = started.getAndIncrement();
            final Thread t = new Thread(r, i < names.length ? names[i] : "wf-stage-" + i);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public <T> boolean tryPublish(Listener listener, InetAddress peer, long receivedAtMs, boolean truncated,
                                  JournalCallback callback, T src, int length, RawCopier<? super T> copier) {
        final long seq;
        try {
            seq = ring.tryNext();
        } catch (InsufficientCapacityException full) {
            return false;
        }
        try {
            final Event e = ring.get(seq);
            e.resetForData(listener, peer, receivedAtMs, truncated, callback);
            copier.copy(src, e.rawBuffer(length), length);
        } finally {
            ring.publish(seq);
        }
        return true;
    }

    @Override
    public <T> boolean tryPublishLeaving(int reserveSlots, Listener listener, InetAddress peer, long receivedAtMs,
                                         boolean truncated, JournalCallback callback, T src, int length,
                                         RawCopier<? super T> copier) {
        // a racing publisher may take the checked slots first: the reserve is approximate, never negative
        return ring.hasAvailableCapacity(reserveSlots + 1)
                && tryPublish(listener, peer, receivedAtMs, truncated, callback, src, length, copier);
    }

    @Override
    public boolean tryPublishBatch(int count, BatchFiller filler) {
        if (count == 0) {
            return true;
        }
        if (count > ring.getBufferSize()) {
            return false;
        }
        final long hi;
        try {
            hi = ring.tryNext(count);
        } catch (InsufficientCapacityException full) {
            return false;
        }
        final long lo = hi - count + 1;
        try {
            for (long s = lo; s <= hi; s++) {
                filler.fill(ring.get(s), (int) (s - lo));
            }
        } finally {
            ring.publish(lo, hi);
        }
        return true;
    }

    @Override
    public boolean tryPublishBatchLeaving(int reserveSlots, int count, BatchFiller filler) {
        // as tryPublishLeaving: the reserve is approximate under racing publishers, never negative
        return ring.hasAvailableCapacity(reserveSlots + count) && tryPublishBatch(count, filler);
    }

    /**
     * Publishes a TICK carrying {@code nowMs}; skipped when the ring is full (the next tick carries a later time).
     *
     * @return false when skipped
     */
    public boolean tryPublishTick(long nowMs) {
        final long seq;
        try {
            seq = ring.tryNext();
        } catch (InsufficientCapacityException full) {
            return false;
        }
        try {
            ring.get(seq).resetForTick(nowMs);
        } finally {
            ring.publish(seq);
        }
        return true;
    }

    @Override
    public long remainingCapacity() {
        return ring.remainingCapacity();
    }

    @Override
    public int capacity() {
        return ring.getBufferSize();
    }

    /** @return events published so far (the ring's cursor + 1) */
    public long published() {
        return ring.getCursor() + 1;
    }

    /** @return exceptions thrown by stages (each skipped one event) */
    public long stageErrors() {
        return stageErrors.sum();
    }

    /** Waits until every published slot went through every stage, then stops the stage threads. */
    @Override
    public void close() {
        try {
            disruptor.shutdown(10, TimeUnit.SECONDS);
        } catch (com.lmax.disruptor.TimeoutException e) {
            disruptor.halt();
        }
    }

    /** Runs a stage on every slot; the last stage of the chain then releases the slot's per-event objects. */
    private static final class StageHandler implements EventHandler<Event> {
        private final EventStage stage;
        private final boolean last;

        StageHandler(EventStage stage, boolean last) {
            this.stage = stage;
            this.last = last;
        }

        @Override
        public void onEvent(Event event, long sequence, boolean endOfBatch) throws Exception {
            if (!last) {
                stage.onEvent(event, endOfBatch);
                return;
            }
            try {
                stage.onEvent(event, endOfBatch);
            } finally {
                event.release();
            }
        }
    }

    /** Runs a stage on the slots whose sequence falls in its shard. */
    private static final class ShardedHandler implements EventHandler<Event> {
        private final EventStage stage;
        private final int shard;
        private final int shards;

        ShardedHandler(EventStage stage, int shard, int shards) {
            this.stage = stage;
            this.shard = shard;
            this.shards = shards;
        }

        @Override
        public void onEvent(Event event, long sequence, boolean endOfBatch) throws Exception {
            if (shards == 1 || sequence % shards == shard) {
                stage.onEvent(event, endOfBatch);
            }
        }
    }
}
