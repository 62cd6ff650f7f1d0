package io.watchfloor.bench.coverage.tracker;

import io.watchfloor.bench.sample.SampleEvents;
import io.watchfloor.bench.sample.SampleInventory;
import io.watchfloor.core.event.Event;
import io.watchfloor.coverage.attribution.SourceAttributor;
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
 * Throughput and allocation of {@link CoverageTracker#onEvent} for parsed, attributed syslog events of a
 * 1,000- or 1,000,000-source inventory (exact host names) (one in {@value io.watchfloor.bench.sample.SampleSyslogLines#STRAY_EVERY} from an
 * undeclared sender, which goes to the unmanaged-sender table). One op = one event. All events carry the same
 * receive time, so no snapshot is published during the measurement: in production one snapshot per
 * {@code snapshotIntervalMs} (1 s) is amortized over every event of that second. No gap opens or closes (no
 * ticks). No baseline: the tracker's work is a few array updates per event.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar CoverageTrackerOnEventBenchmark -prof gc}. Smoke: add
 * {@code -f 1 -wi 1 -i 1 -w 200ms -r 200ms}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CoverageTrackerOnEventBenchmark {
    /** Distinct events cycled through. */
    static final int EVENTS = 4096;
    /** Declared sources (and hosts). */
    @Param({"1000", "1000000"})
    public int sources;

    private CoverageTracker tracker;
    private Event[] events;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        final Inventory inventory = SampleInventory.exactNames(sources);
        tracker = new CoverageTracker(inventory, GapListener.NONE, CoverageTrackerConfig.DEFAULT,
                SampleEvents.RECEIVED_AT_MS);
        final SourceAttributor attributor = new SourceAttributor(inventory);
        events = SampleEvents.parsedSyslog(EVENTS, sources, 10);
        for (int i = 0; i < events.length; i++) {
            attributor.attribute(events[i]);
            events[i].journalIndex(i);
            tracker.onEvent(events[i]);
        }
    }

    /** The tracker under test; returns the source index so the event read cannot be eliminated. */
    @Benchmark
    public int onEvent() {
        final Event[] all = events;
        final int i = next;
        next = i + 1 == all.length ? 0 : i + 1;
        final Event e = all[i];
        tracker.onEvent(e);
        return e.sourceIndex();
    }
}
