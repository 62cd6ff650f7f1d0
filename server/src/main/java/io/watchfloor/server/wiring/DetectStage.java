package io.watchfloor.server.wiring;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.ring.EventStage;
import io.watchfloor.detect.DetectionEngine;
import io.watchfloor.detect.rule.LogSource;
import io.watchfloor.detect.sink.AlertSink;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stage 3 (detection): runs the rules on each journaled event, routed by its source's declared log source (as the
 * latest {@link PublishedInventory} says: one volatile read per event).
 *
 * <p>Hot reload: another thread builds the next engine and {@link #offer}s it; this stage's own thread swaps it in
 * before the next event or TICK it sees (one volatile read per event when nothing is pending), after handing it the
 * running engine's state, so evaluation and correlation windows never see two engines at once.
 */
final class DetectStage implements EventStage {
    private final PublishedInventory sources;
    private final AlertSink alerts;
    private final AtomicReference<Pending> pending = new AtomicReference<>();
    private volatile DetectionEngine engine;

    /** A compiled engine waiting for the stage thread, and who waits for the swap. */
    private record Pending(DetectionEngine next, CompletableFuture<Integer> swapped) {
    }

    /** @param sources the inventory whose log sources route each event, as the coverage stage publishes it */
    DetectStage(DetectionEngine engine, PublishedInventory sources, AlertSink alerts) {
        this.engine = engine;
        this.sources = sources;
        this.alerts = alerts;
    }

    @Override
    public void onEvent(Event e, boolean endOfBatch) {
        if (pending.get() != null) {
            swap();
        }
        // an event the journal could not write is not accepted: it raises nothing
        if (e.isTick() || e.journalIndex() < 0) {
            return;
        }
        final int source = e.sourceIndex();
        final LogSource[] logSources = sources.current().logSources();
        engine.evaluate(e, source < 0 || source >= logSources.length ? null : logSources[source], alerts);
    }

    /** The rare path, on the stage thread: adopt the running engine's state, then switch. */
    private void swap() {
        final Pending p = pending.getAndSet(null);
        if (p == null) {
            return;
        }
        final int carried;
        try {
            carried = p.next().adoptState(engine);
        } catch (RuntimeException ex) {
            p.swapped().completeExceptionally(ex);
            return;
        }
        engine = p.next();
        p.swapped().complete(carried);
    }

    /**
     * Queues {@code next} to replace the running engine at the stage thread's next event or TICK. A still pending
     * engine is dropped (its future is cancelled): the newer set wins. Any thread.
     *
     * @return completes on the stage thread with the number of correlations whose windows carried over
     */
    CompletableFuture<Integer> offer(DetectionEngine next) {
        final Pending p = new Pending(next, new CompletableFuture<>());
        final Pending superseded = pending.getAndSet(p);
        if (superseded != null) {
            superseded.swapped().completeExceptionally(new CancellationException("superseded by a newer rule set"));
        }
        return p.swapped();
    }

    /** @return the engine running now; its counters and stats may be read from any thread */
    DetectionEngine engine() {
        return engine;
    }
}
