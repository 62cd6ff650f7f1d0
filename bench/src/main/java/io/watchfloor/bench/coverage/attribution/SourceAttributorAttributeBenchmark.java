package io.watchfloor.bench.coverage.attribution;

import io.watchfloor.bench.sample.SampleEvents;
import io.watchfloor.bench.sample.SampleInventory;
import io.watchfloor.bench.sample.SampleSyslogLines;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.SyslogFields;
import io.watchfloor.coverage.attribution.SourceAttributor;
import io.watchfloor.coverage.inventory.Inventory;
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

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Throughput and allocation of {@link SourceAttributor#attribute(Event)} over an inventory built in code
 * ({@link SampleInventory}: exact host names, host globs, two-glob sources and peer-only IPv6 sources) and parsed
 * syslog events spread over all its hosts, one in {@value SampleSyslogLines#STRAY_EVERY}
 * from an undeclared host (a full scan that matches nothing). One op = one event attributed. Baseline: an exact
 * host-name index ({@code new String(HOSTNAME)} + {@code HashMap} lookup), what a naive attributor without globs
 * or peers would do.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar SourceAttributorAttributeBenchmark -prof gc}
 * ({@code -p sources=1000,1000000 -p inventory=exact} for the exact-name lookup at scale; {@code -p
 * inventory=mixed -p sources=100,1000,5000} to see how the glob and peer scan scales). Smoke: add
 * {@code -f 1 -wi 1 -i 1 -w 200ms -r 200ms}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SourceAttributorAttributeBenchmark {
    /** Distinct events cycled through. */
    static final int EVENTS = 4096;

    /** Inventory size. */
    @Param({"1000"})
    public int sources;

    /**
     * {@code mixed}: exact names, globs, two-glob and peer-only sources (a quarter each: globs and peer blocks are
     * scanned, so its cost grows with the inventory); {@code exact}: exact host names only, one hash lookup.
     */
    @Param({"mixed", "exact"})
    public String inventory;

    private SourceAttributor attributor;
    private Map<String, Integer> byHostName;
    private Event[] events;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        final Inventory declared = inventory.equals("exact") ? SampleInventory.exactNames(sources)
                : SampleInventory.of(sources);
        attributor = new SourceAttributor(declared);
        events = SampleEvents.parsedSyslog(EVENTS, sources, 0);
        byHostName = new HashMap<>(sources * 2);
        for (int i = 0; i < sources; i++) {
            byHostName.put(SampleSyslogLines.hostName(i), i);
        }
        int attributed = 0;
        for (Event e : events) {
            attributor.attribute(e);
            attributed += e.sourceIndex() >= 0 ? 1 : 0;
        }
        if (attributed < EVENTS * 9 / 10) {
            throw new IllegalStateException("only " + attributed + " of " + EVENTS + " sample events attributed");
        }
    }

    private Event nextEvent() {
        final Event[] all = events;
        final int i = next;
        next = i + 1 == all.length ? 0 : i + 1;
        return all[i];
    }

    /** The attributor under test. */
    @Benchmark
    public int attribute() {
        final Event e = nextEvent();
        attributor.attribute(e);
        return e.sourceIndex();
    }

    /** Baseline: exact host-name lookup through a String key. */
    @Benchmark
    public int baselineHostNameHashMap() {
        final Event e = nextEvent();
        final SyslogFields s = e.syslog();
        final Integer i = byHostName.get(new String(e.raw(), s.hostnameOffset(), s.hostnameLength(),
                StandardCharsets.US_ASCII));
        return i == null ? -1 : i;
    }
}
