package io.watchfloor.core.ring;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits for the ring without burning a core on a small machine. Thread-safe: every stage thread waits here,
 * every publisher signals here.
 *
 * <ul>
 *   <li>Nothing published yet at the wanted sequence: block on a monitor; a publisher takes the monitor only when
 *   a stage flagged that it sleeps (as the Disruptor's {@code LiteBlockingWaitStrategy}), and reads the flag
 *   before touching it, so a busy ring costs a publisher one volatile read.</li>
 *   <li>Published, but an upstream stage has not finished it yet: spin {@link #SPIN_TRIES} times, yield
 *   {@link #YIELD_TRIES} times, then park {@link #PARK_NS} at a time. The Disruptor's blocking strategies
 *   busy-spin here for as long as the upstream stage is behind; measured on 2 cores with five stage threads,
 *   that spinning took about 60 % of the server's CPU under load (the heartbeat stage, which does nothing per
 *   event, used as much CPU as the journal).</li>
 *   <li>First stage, slot claimed by a publisher but not yet published (see {@link #watch}): the same back-off.</li>
 * </ul>
 * A parked stage wakes within about a timer slack (~50 µs on Linux) after its upstream moved on, then takes the
 * whole batch that piled up meanwhile.
 */
final class BackoffBlockingWaitStrategy implements WaitStrategy {
    /** Busy tries before yielding: an upstream stage a few events ahead finishes within them. */
    static final int SPIN_TRIES = 64;
    /** Yields before parking. */
    static final int YIELD_TRIES = 8;
    /** One park while an upstream stage is behind; the OS rounds it up to its timer slack. */
    static final long PARK_NS = 20_000;

    private final Object mutex = new Object();
    private volatile boolean signalNeeded;
    /** Set once before the stage threads start (thread start publishes it). */
    private RingBuffer<?> ring;

    /** Lets the first stage wait for a claimed slot to be published; call before the stage threads start. */
    void watch(RingBuffer<?> publishedRing) {
        this.ring = publishedRing;
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException, InterruptedException {
        if (cursor.get() < sequence) {
            blockUntilPublished(sequence, cursor, barrier);
        }
        long available;
        int tries = 0;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            tries = backOff(tries);
        }
        if (dependentSequence == cursor && ring != null) {
            // first stage: with several publishers the cursor counts claimed slots; a publisher filling a claimed
            // batch publishes it within microseconds, so back off rather than return to the barrier, which would
            // find it unpublished and call again at once (that loop was a third of the parse thread's samples)
            while (!ring.isAvailable(sequence)) {
                barrier.checkAlert();
                tries = backOff(tries);
            }
        }
        return available;
    }

    private void blockUntilPublished(long sequence, Sequence cursor, SequenceBarrier barrier)
            throws AlertException, InterruptedException {
        synchronized (mutex) {
            while (true) {
                // flag first, then re-read the cursor: a publisher that moved it before reading the flag is seen here
                signalNeeded = true;
                if (cursor.get() >= sequence) {
                    return;
                }
                barrier.checkAlert();
                mutex.wait();
            }
        }
    }

    private static int backOff(int tries) {
        if (tries < SPIN_TRIES) {
            Thread.onSpinWait();
        } else if (tries < SPIN_TRIES + YIELD_TRIES) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(PARK_NS);
            return tries;
        }
        return tries + 1;
    }

    @Override
    public void signalAllWhenBlocking() {
        if (signalNeeded) {
            synchronized (mutex) {
                signalNeeded = false;
                mutex.notifyAll();
            }
        }
    }
}
