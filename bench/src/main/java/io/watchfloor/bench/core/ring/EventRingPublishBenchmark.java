package io.watchfloor.bench.core.ring;

import io.watchfloor.core.event.Listener;
import io.watchfloor.core.ring.EventRing;
import io.watchfloor.core.ring.EventStage;
import io.watchfloor.core.ring.RawCopier;
import io.watchfloor.core.ring.RingConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hand-off rate of {@link EventRing}: one publisher thread copies a 150-byte syslog line into a slot with
 * {@link EventRing#tryPublish} and the slot runs through the ring's stage chain (parse → journal → detect and
 * coverage in parallel) with no-op stages, so the figure is the ring's own cost. One op = one event published;
 * a full ring is retried (spinning) until the slot is taken, so the rate is bounded by the slowest stage thread.
 * No baseline: the ring is a Disruptor with its wait strategy, the Disruptor is the baseline.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar EventRingPublishBenchmark -prof gc}. On a 2-core machine
 * the four stage threads share the cores with the publisher; read the figure as a floor. Smoke: add
 * {@code -f 1 -wi 1 -i 1 -w 200ms -r 200ms}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EventRingPublishBenchmark {
    private static final byte[] LINE = ("<38>Dec  3 07:12:04 host-0042.example.com sshd[24207]: Accepted publickey "
            + "for alice from 198.51.100.4 port 50022 ssh2: ED25519 SHA256:3x4mpl3").getBytes(StandardCharsets.UTF_8);
    private static final long RECEIVED_AT_MS = 1_796_281_932_000L;
    /** A stage that does nothing, so only the ring is measured. */
    private static final EventStage NO_OP = (e, endOfBatch) -> { };

    /** Ring slots (a power of two). */
    @Param({"65536"})
    public int slots;

    private EventRing ring;
    private InetAddress peer;

    @Setup(Level.Trial)
    public void setUp() throws UnknownHostException {
        peer = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 42});
        ring = new EventRing(new RingConfig(slots, 1), () -> NO_OP, NO_OP, List.of(NO_OP, NO_OP));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ring.close();
        if (ring.stageErrors() != 0) {
            throw new IllegalStateException(ring.stageErrors() + " stage errors");
        }
    }

    /** Publishes one event, spinning while the ring is full; returns the spins. */
    @Benchmark
    public int publish() {
        int spins = 0;
        while (!ring.tryPublish(Listener.SYSLOG_TCP, peer, RECEIVED_AT_MS, false, null, LINE, LINE.length,
                RawCopier.BYTES)) {
            spins++;
            Thread.onSpinWait();
        }
        return spins;
    }
}
