package io.watchfloor.server.wiring;

import io.watchfloor.coverage.inventory.SourceChange;
import io.watchfloor.coverage.tracker.CoverageSnapshot;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded hand-off of lifecycle changes from the API to the coverage stage, the tracker's single writer. Any
 * thread offers; only the coverage stage polls. {@link #isEmpty()} is one volatile read, cheap enough to check
 * after every event.
 */
final class SourceChangeQueue {
    /** Most changes waiting for the coverage stage; more are refused (503) rather than queued without bound. */
    static final int MAX_PENDING = 64;

    /**
     * A change waiting to be applied.
     *
     * @param change the change, stamped with its time
     * @param routing the routing of the inventory it produces, compiled by the API thread
     * @param applied completes on the coverage stage with the snapshot published right after the change
     */
    record Pending(SourceChange change, PublishedInventory.Routing routing,
                   CompletableFuture<CoverageSnapshot> applied) {
    }

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    /** @return false when {@link #MAX_PENDING} changes are already waiting (the change is not queued) */
    boolean offer(Pending p) {
        if (size.incrementAndGet() > MAX_PENDING) {
            size.decrementAndGet();
            return false;
        }
        queue.add(p);
        return true;
    }

    /** @return true when nothing waits; one volatile read */
    boolean isEmpty() {
        return size.get() == 0;
    }

    /** @return the oldest waiting change, or null; coverage stage only */
    Pending poll() {
        final Pending p = queue.poll();
        if (p != null) {
            size.decrementAndGet();
        }
        return p;
    }
}
