package io.watchfloor.bench.coverage.tracker;

import io.watchfloor.bench.sample.SampleInventory;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.tracker.CoverageTracker;
import io.watchfloor.coverage.tracker.CoverageTrackerConfig;
import io.watchfloor.coverage.tracker.GapListener;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Cost of one {@link CoverageTracker#onTick} with many sources and few deadlines due. Every source reported once,
 * its receives spread over its 15-minute silence budget, so 10 ms ticks find about {@code sources / 90,000} sources
 * due; one op = one event (which closes that source's gap, if open) plus one tick 10 ms later. Above 65,536 sources
 * each tick also builds its 65,536-source slice of the next published snapshot: that slice is the floor of the cost.
 * Baseline {@code snapshotWhole}: building the whole snapshot, which every tick did before the deadline queue (with
 * a walk over every source on top).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar CoverageTrackerTickBenchmark -p sources=1000000}. Smoke: add
 * {@code -f 1 -wi 1 -i 1 -w 200ms -r 200ms}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CoverageTrackerTickBenchmark {
    private static final long T0 = 1_796_281_932_000L;
    private static final long TICK_MS = 10;

    @Param({"1000", "1000000"})
    public int sources;

    private CoverageTracker tracker;
    private Event event;
    private byte[][] lines;
    private long nowMs;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        final Inventory inventory = SampleInventory.exactNames(sources);
        tracker = new CoverageTracker(inventory, GapListener.NONE, CoverageTrackerConfig.DEFAULT, T0);
        event = new Event();
        final long spreadMs = SampleInventory.MAX_SILENCE_MS;
        for (int i = 0; i < sources; i++) {
            send(i, T0 + (i * 7919L) % spreadMs);
        }
        nowMs = T0 + spreadMs;
        tracker.onTick(nowMs);
    }

    private void send(int i, long atMs) {
        event.resetForData(Listener.SYSLOG_TCP, null, atMs, false, null);
        event.attribute(i, null);
        tracker.onEvent(event);
    }

    /** One event, then one tick 10 ms later. */
    @Benchmark
    public Object tick() {
        nowMs += TICK_MS;
        final int i = next;
        next = i + 1 == sources ? 0 : i + 1;
        send(i, nowMs - 1);
        tracker.onTick(nowMs);
        return tracker.latestSnapshot();
    }

    /** Baseline: the whole snapshot, built on every tick before. */
    @Benchmark
    public Object snapshotWhole() {
        return tracker.snapshot();
    }
}
