package io.watchfloor.bench.core.journal;

import io.watchfloor.bench.sample.SampleEvents;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.journal.EventJournal;
import io.watchfloor.core.journal.JournalConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Throughput and allocation of {@link EventJournal#append(Event)} (Chronicle Queue, memory-mapped daily files)
 * in a temporary directory: one op = one parsed syslog event (80–200 bytes, IPv4 and IPv6 peers) appended. Each
 * iteration starts an empty journal (deleted after it), so disk use stays at one iteration's worth. There is no
 * baseline: the journal is a thin layer over the appender.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar EventJournalAppendBenchmark -prof gc}. The fork gets the
 * Chronicle JVM flags from {@code @Fork(jvmArgsAppend)} (the root pom's {@code chronicle.jvm.flags}; JMH forks
 * do not see a jar manifest's Add-Opens). Set {@code -Djava.io.tmpdir=/dev/shm} in {@code -jvmArgsAppend} to
 * take the disk out of the figure. Smoke: add {@code -f 1 -wi 1 -i 1 -w 200ms -r 200ms}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true",
    "-Dchronicle.announcer.disable=true",
    "-Dchronicle.disk.monitor.disable=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EventJournalAppendBenchmark {
    /** Distinct events cycled through. */
    static final int EVENTS = 1024;

    private Event[] events;
    private int next;
    private Path dir;
    private EventJournal journal;

    @Setup(Level.Trial)
    public void setUpEvents() {
        events = SampleEvents.parsedSyslog(EVENTS, 1000, 10);
    }

    @Setup(Level.Iteration)
    public void openJournal() throws IOException {
        dir = Files.createTempDirectory("watchfloor-bench-journal");
        journal = new EventJournal(new JournalConfig(dir, JournalConfig.RETENTION_DAYS_DEFAULT));
    }

    @TearDown(Level.Iteration)
    public void closeJournal() throws IOException {
        journal.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The append under test; returns the index so the work cannot be eliminated. */
    @Benchmark
    public long append() {
        final Event[] all = events;
        final int i = next;
        next = i + 1 == all.length ? 0 : i + 1;
        return journal.append(all[i]);
    }
}
