package io.watchfloor.bench.coverage.tracker;

import io.watchfloor.bench.sample.SampleInventory;
import io.watchfloor.bench.sample.SampleSyslogLines;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.coverage.attribution.SourceAttributor;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.tracker.CoverageSnapshot;
import io.watchfloor.coverage.tracker.CoverageTracker;
import io.watchfloor.coverage.tracker.CoverageTrackerConfig;
import io.watchfloor.coverage.tracker.GapListener;
import io.watchfloor.ingest.syslog.SyslogParser;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The scale run of issue 3 point 10, on a timeline as {@code watchfloor coverage replay} drives the tracker: an
 * inventory of N exact-name sources, M unmanaged senders, E syslog events parsed, attributed and tracked over 20
 * minutes of receive time with a TICK every second (so sources stop and go silent), then the whole snapshot and a
 * restart (a new tracker, the events replayed, the first tick). Prints wall times, the tick cost, and the heap per
 * source (used heap after GC, before and after the tracker).
 *
 * <p>Run: {@code java -Xmx8g -cp bench/target/benchmarks.jar io.watchfloor.bench.coverage.tracker.CoverageScaleRun
 * 1000000 100000 3000000}.
 */
public final class CoverageScaleRun {
    private static final long T0 = 1_796_281_932_000L;
    private static final long RUN_MS = 20 * 60_000L;

    private CoverageScaleRun() {
    }

    public static void main(String[] args) throws UnknownHostException {
        final int sources = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final int unmanaged = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        final int events = args.length > 2 ? Integer.parseInt(args[2]) : 3_000_000;
        final long heap0 = usedHeap();
        long t = System.nanoTime();
        final Inventory inventory = SampleInventory.exactNames(sources);
        final SourceAttributor attributor = new SourceAttributor(inventory);
        final long inventoryMs = ms(t);
        final long heap1 = usedHeap();
        t = System.nanoTime();
        final CoverageTrackerConfig config = new CoverageTrackerConfig(unmanaged,
                CoverageTrackerConfig.MAX_CLOSED_GAPS_DEFAULT, CoverageTrackerConfig.SNAPSHOT_INTERVAL_MS_DEFAULT);
        CoverageTracker tracker = new CoverageTracker(inventory, GapListener.NONE, config, T0);
        final long trackerMs = ms(t);
        final long heap2 = usedHeap();

        final byte[][] lines = lines(sources, unmanaged, events);
        final InetAddress peer = InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, 1});
        final Event e = new Event();
        final SyslogParser parser = new SyslogParser();
        long tickNs = 0;
        long firstTickNs = 0;
        long maxTickNs = 0;
        int ticks = 0;
        long nextTickMs = T0 + 1_000;
        t = System.nanoTime();
        for (int k = 0; k < events; k++) {
            final long at = T0 + k * RUN_MS / events;
            while (at >= nextTickMs) {
                final long s = System.nanoTime();
                tracker.onTick(nextTickMs);
                final long d = System.nanoTime() - s;
                if (ticks == 0) {
                    // the first tick visits every source, as every tick did before the deadline queue
                    firstTickNs = d;
                    ticks++;
                    nextTickMs += 1_000;
                    continue;
                }
                tickNs += d;
                maxTickNs = Math.max(maxTickNs, d);
                ticks++;
                nextTickMs += 1_000;
            }
            feed(tracker, attributor, parser, e, peer, lines[k % lines.length], at, false);
        }
        final long runMs = ms(t);
        final long heap3 = usedHeap();
        t = System.nanoTime();
        final CoverageSnapshot whole = tracker.snapshot();
        final long snapshotMs = ms(t);

        t = System.nanoTime();
        tracker = new CoverageTracker(inventory, GapListener.NONE, config, T0 + RUN_MS);
        for (int k = 0; k < events; k++) {
            feed(tracker, attributor, parser, e, peer, lines[k % lines.length], T0 + k * RUN_MS / events, true);
        }
        tracker.onTick(T0 + RUN_MS + 1_000);
        final long restoreMs = ms(t);

        System.out.printf(Locale.ROOT, "sources=%d unmanaged=%d events=%d ticks=%d%n", sources, unmanaged, events,
                ticks);
        System.out.printf(Locale.ROOT, "inventory+attributor: %d ms, %d bytes/source%n", inventoryMs,
                (heap1 - heap0) / sources);
        System.out.printf(Locale.ROOT, "tracker: built in %d ms, %d bytes/source at start, %d bytes/source after the run"
                + " (unmanaged table included)%n", trackerMs, (heap2 - heap1) / sources, (heap3 - heap1) / sources);
        System.out.printf(Locale.ROOT, "run (parse+attribute+track+ticks): %d ms, %.0f events/s%n", runMs,
                events * 1000.0 / Math.max(1, runMs));
        System.out.printf(Locale.ROOT, "tick: first (visits every source) %.1f ms; the others mean %.1f us, max %.1f ms%n",
                firstTickNs / 1e6, tickNs / 1e3 / Math.max(1, ticks - 1), maxTickNs / 1e6);
        System.out.printf(Locale.ROOT, "whole snapshot: %d ms (%d sources, %d unmanaged)%n", snapshotMs,
                whole.sources().size(), whole.unmanaged().size());
        System.out.printf(Locale.ROOT, "restore (new tracker, %d events replayed, first tick): %d ms%n", events,
                restoreMs);
    }

    private static void feed(CoverageTracker tracker, SourceAttributor attributor, SyslogParser parser, Event e,
                             InetAddress peer, byte[] line, long atMs, boolean replay) {
        e.resetForData(Listener.SYSLOG_TCP, peer, atMs, false, null);
        e.raw(line, 0, line.length);
        parser.parse(e);
        e.replay(replay);
        attributor.attribute(e);
        tracker.onEvent(e);
    }

    /** One line per event slot: declared hosts spread by a stride, one in 11 from one of the unmanaged hosts. */
    private static byte[][] lines(int sources, int unmanaged, int events) {
        final int n = Math.min(events, 2 * sources);
        final byte[][] out = new byte[n][];
        for (int k = 0; k < n; k++) {
            final String host = k % 11 == 10 && unmanaged > 0 ? "stray-" + (k / 11) % unmanaged + ".example.org"
                    : SampleSyslogLines.hostName((int) ((k * 7919L) % sources));
            out[k] = ("<13>1 2026-12-01T10:00:00.000Z " + host + " app - - - hello").getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private static long usedHeap() {
        final Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return r.totalMemory() - r.freeMemory();
    }

    private static long ms(long startNs) {
        return (System.nanoTime() - startNs) / 1_000_000;
    }
}
