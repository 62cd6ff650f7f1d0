package io.watchfloor.core.ring;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BackoffBlockingWaitStrategyTest {
    private final BackoffBlockingWaitStrategy strategy = new BackoffBlockingWaitStrategy();
    private final Sequence cursor = new Sequence(4);
    private final TestBarrier barrier = new TestBarrier();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final AtomicReference<Thread> waiter = new AtomicReference<>();

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    private CompletableFuture<Long> waitInBackground(long sequence, Sequence dependent) {
        final CompletableFuture<Long> result = new CompletableFuture<>();
        executor.execute(() -> {
            waiter.set(Thread.currentThread());
            try {
                result.complete(strategy.waitFor(sequence, cursor, dependent, barrier));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    private void awaitWaiterIn(Thread.State state) {
        await().atMost(Duration.ofSeconds(5)).until(() -> waiter.get() != null && waiter.get().getState() == state);
    }

    @Test
    void shouldReturnTheAvailableSequenceAtOnceWhenPublishedAndProcessedUpstream() throws Exception {
        final Sequence upstream = new Sequence(3);

        assertThat(strategy.waitFor(2, cursor, upstream, barrier)).isEqualTo(3);
    }

    @Test
    void shouldBlockUntilAPublisherSignals() throws Exception {
        final CompletableFuture<Long> result = waitInBackground(5, cursor);
        awaitWaiterIn(Thread.State.WAITING);

        cursor.set(6);
        strategy.signalAllWhenBlocking();

        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(6);
    }

    @Test
    void shouldParkWhileTheUpstreamStageIsBehindAndReturnOnceItMovesOn() throws Exception {
        cursor.set(10);
        final Sequence upstream = new Sequence(3);
        final CompletableFuture<Long> result = waitInBackground(5, upstream);
        awaitWaiterIn(Thread.State.TIMED_WAITING);
        assertThat(result).isNotDone();

        upstream.set(7);

        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(7);
    }

    @Test
    void shouldStopABlockedWaiterWhenAlerted() {
        final CompletableFuture<Long> result = waitInBackground(5, cursor);
        awaitWaiterIn(Thread.State.WAITING);

        barrier.alert();
        strategy.signalAllWhenBlocking();

        assertThat(result).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(AlertException.class);
    }

    @Test
    void shouldStopAParkedWaiterWhenAlerted() {
        cursor.set(10);
        final CompletableFuture<Long> result = waitInBackground(5, new Sequence(3));
        awaitWaiterIn(Thread.State.TIMED_WAITING);

        barrier.alert();

        assertThat(result).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(AlertException.class);
    }

    @Test
    void shouldLetTheFirstStageWaitUntilAClaimedSlotIsPublished() throws Exception {
        final RingBuffer<long[]> ring = RingBuffer.createMultiProducer(() -> new long[1], 8, strategy);
        strategy.watch(ring);
        final SequenceBarrier firstStage = ring.newBarrier();
        final long claimed = ring.next();
        final CompletableFuture<Long> result = new CompletableFuture<>();
        executor.execute(() -> {
            waiter.set(Thread.currentThread());
            try {
                result.complete(firstStage.waitFor(claimed));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        awaitWaiterIn(Thread.State.TIMED_WAITING);
        assertThat(result).isNotDone();

        ring.publish(claimed);

        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(claimed);
    }

    /** The part of a Disruptor barrier the strategy uses: the alert flag. */
    private static final class TestBarrier implements SequenceBarrier {
        private volatile boolean alerted;

        @Override
        public long waitFor(long sequence) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getCursor() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isAlerted() {
            return alerted;
        }

        @Override
        public void alert() {
            alerted = true;
        }

        @Override
        public void clearAlert() {
            alerted = false;
        }

        @Override
        public void checkAlert() throws AlertException {
            if (alerted) {
                throw AlertException.INSTANCE;
            }
        }
    }
}
